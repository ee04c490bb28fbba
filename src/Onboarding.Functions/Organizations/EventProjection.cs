using Azure.Data.Tables;
using Onboarding.Domain.Events;
using Onboarding.Functions.Privacy;
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
/// row key, the organization by its pseudonym only), upserting so a repeat is harmless, then tells the
/// <see cref="ICommittedEventsObserver"/>s (webhooks, experiment variants). The org partitions stay the source of truth.
/// </summary>
public sealed class EventProjection(
    TableServiceClient tables, AnalyticsPseudonyms pseudonyms, IEnumerable<ICommittedEventsObserver> observers)
{
    public async Task ProjectAsync(IReadOnlyCollection<OnboardingEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }
        var table = tables.GetTableClient(OnboardingStorage.DailyTable);
        var batches = events
            .Select(e => EventEntityMapper.ToDailyRow(e, pseudonyms.Current))
            .GroupBy(row => row.PartitionKey)
            .SelectMany(day => day
                .DistinctBy(row => row.RowKey)
                .Chunk(OnboardingStorage.MaxTransactionActions)
                .Select(chunk => chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row))));
        await Task.WhenAll(batches.Select(batch => table.SubmitTransactionAsync(batch, cancellationToken)));
        foreach (var observer in observers)
        {
            await observer.ObserveAsync(events, cancellationToken);
        }
    }
}
