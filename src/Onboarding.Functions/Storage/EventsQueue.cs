using Azure.Storage.Queues;

namespace Onboarding.Functions.Storage;

/// <summary>
/// The events queue and its poison queue. The name is the app setting <c>ONBOARDING_EVENTS_QUEUE</c>
/// (default <c>onboarding-events</c>), the same reference the queue trigger is declared with.
/// </summary>
public sealed class EventsQueue(QueueServiceClient queues, IConfiguration configuration) : TriggerQueue(queues, configuration, Setting, DefaultName)
{
    public const string Setting = "ONBOARDING_EVENTS_QUEUE";
    public const string Reference = "%" + Setting + "%";
    public const string DefaultName = "onboarding-events";

    /// <summary>Queues a message for ingestion.</summary>
    public Task SendAsync(string messageText, CancellationToken cancellationToken) =>
        Queue.SendCreatingAsync(messageText, null, null, cancellationToken);
}
