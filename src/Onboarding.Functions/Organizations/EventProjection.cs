using Azure.Data.Tables;
using Onboarding.Domain.Events;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Organizations;

/// <summary>
/// Writes events to the cross-organization <c>OnboardingDaily</c> table (day-and-shard partition, deterministic
/// row key), upserting so a repeat is harmless. The org partitions stay the source of truth.
/// </summary>
public sealed class EventProjection(TableServiceClient tables)
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
    }
}
