using Azure.Data.Tables;
using Onboarding.Domain.Events;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Organizations;

/// <summary>
/// What else follows every committed event, at least once (after a crash, again): told after the events are in the
/// daily projection, on every path that projects them (HTTP changes, ingestion, the pending-projection sweep).
/// </summary>
public interface ICommittedEventsObserver
{
    Task ObserveAsync(IReadOnlyCollection<OnboardingEvent> events, CancellationToken cancellationToken);
}

/// <summary>
/// Writes events to the cross-organization <c>OnboardingDaily</c> table (day-and-shard partition, deterministic
/// row key), upserting so a repeat is harmless, then tells the <see cref="ICommittedEventsObserver"/>s. The org
/// partitions stay the source of truth.
/// </summary>
public sealed class EventProjection(TableServiceClient tables, IEnumerable<ICommittedEventsObserver> observers)
{
    public async Task ProjectAsync(IReadOnlyCollection<OnboardingEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }
        var table = tables.GetTableClient(OnboardingStorage.DailyTable);
        var batches = events
            .GroupBy(e => EventEntityMapper.DailyPartition(e.Timestamp, e.OrganizationId))
            .SelectMany(day => day
                .DistinctBy(EventEntityMapper.DailyRowKey)
                .Chunk(OnboardingStorage.MaxTransactionActions)
                .Select(chunk => chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, EventEntityMapper.ToDailyRow(e)))));
        await Task.WhenAll(batches.Select(batch => table.SubmitTransactionAsync(batch, cancellationToken)));
        foreach (var observer in observers)
        {
            await observer.ObserveAsync(events, cancellationToken);
        }
    }
}
