using Microsoft.Azure.Functions.Worker;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Functions.Catalog;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Telemetry;

namespace Onboarding.Functions.Events;

/// <summary>
/// The queue function for events that product services (and the tracking endpoint) put on the events
/// queue: validate, store each valid event once with its effects, report the invalid ones. A message
/// with nothing valid in it goes whole to the poison queue at once; retrying it could not help.
/// </summary>
public sealed partial class IngestOnboardingEvents(
    EventIngestion ingestion,
    EventsQueue queues,
    CatalogVersions catalogs,
    Privacy.AnalyticsPseudonyms pseudonyms,
    OnboardingMetrics metrics,
    TimeProvider clock,
    ILogger<IngestOnboardingEvents> logger)
{
    /// <summary>
    /// The message arrives as text (host.json: <c>messageEncoding</c> none). <paramref name="id"/> is the trigger's <c>Id</c>
    /// binding data: the queue message's id, except for a message that is one JSON event, whose own <c>"id"</c> the
    /// Functions host puts in its place (binding data from a JSON body replaces the message's, case-insensitively), so
    /// the log lines then name the event. It only labels log lines; nothing is decided by it.
    /// </summary>
    /// <remarks>Events are read with the activity types of every catalog version (<see cref="CatalogSet.ForIngestion"/>); each organization's counters follow its own version.</remarks>
    [Function(nameof(IngestOnboardingEvents))]
    public async Task Run([QueueTrigger(EventsQueue.Reference)] string messageText, string id, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var parsed = EventMessageParser.Parse(messageText, clock.GetUtcNow(), (await catalogs.GetAsync(cancellationToken)).ForIngestion, pseudonyms.Current);
        metrics.IngestionPhase("parse", clock.GetElapsedTime(started));
        metrics.EventsIngested("rejected", parsed.Rejected.Count);
        foreach (var rejected in parsed.Rejected)
        {
            var reasons = string.Join("; ", rejected.Reasons);
            LogRejected(id, rejected.Index, rejected.Id, reasons);
        }

        if (parsed.MessageError is not null || parsed.Valid.Count == 0)
        {
            var reason = parsed.MessageError ?? $"all {parsed.Rejected.Count} events are invalid";
            await queues.SendToPoisonAsync(messageText, cancellationToken);
            LogPoisoned(id, queues.PoisonName, reason);
            return;
        }

        var result = await ingestion.IngestAsync(parsed.Valid, cancellationToken);
        metrics.EventsIngested("stored", result.Stored);
        metrics.EventsIngested("duplicate", result.Duplicates);
        metrics.EventsIngested("progress", result.ProgressEvents);
        LogIngested(id, result.Stored, result.Duplicates, parsed.Rejected.Count, result.ProgressEvents, parsed.RedactedValues, result.Erased);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId}: event {Index} ({EventId}) rejected: {Reasons}")]
    private partial void LogRejected(string? messageId, int index, string? eventId, string reasons);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} moved to {PoisonQueue} without retrying: {Reason}")]
    private partial void LogPoisoned(string? messageId, string poisonQueue, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Message {MessageId}: stored {Stored}, already stored {Duplicates}, rejected {Rejected}, progress events {ProgressEvents}, redacted values {Redacted}, organizations erased {Erased}")]
    private partial void LogIngested(string? messageId, int stored, int duplicates, int rejected, int progressEvents, int redacted, int erased);
}
