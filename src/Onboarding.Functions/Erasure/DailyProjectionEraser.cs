using Azure.Data.Tables;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Privacy;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Erasure;

/// <summary>
/// The organization's rows of the <c>OnboardingDaily</c> projection, found without scanning that table: every
/// projected event is also an <c>event|{id}</c> row of the organization's partition, whose type and time give its
/// daily key exactly (<c>PartitionKey = yyyyMMdd-{shard(org key)}</c>, <c>RowKey = {type}|{org key}|{event key}</c>) under
/// the current and every earlier pseudonym key, and the key rows from before pseudonyms had (<c>{type}|{org}|{id}</c>
/// in the id's shard). Deleted a page of the organization's events at a time, each page's keys grouped
/// per daily partition; the last event row whose projection is gone is the checkpoint.
/// </summary>
public sealed class DailyProjectionEraser(TableServiceClient tables, AnalyticsPseudonyms pseudonyms) : IOrganizationDataEraser
{
    public string Name => "daily";

    public async Task<bool> EraseAsync(ErasureContext context, CancellationToken cancellationToken)
    {
        var daily = tables.GetTableClient(OnboardingStorage.DailyTable);
        await foreach (var page in context.OrganizationRowsAsync(ProfileRows.EventPrefix, context.Checkpoint, ["Type", "OccurredAt"], cancellationToken))
        {
            if (page.Values.Count == 0)
            {
                continue;
            }
            var keys = page.Values.Select(EventEntityMapper.FromOrganizationRow)
                .SelectMany(e => pseudonyms.All
                    .Select(p => (Partition: EventEntityMapper.DailyPartition(e.Timestamp, p.Organization(e.OrganizationId)), RowKey: EventEntityMapper.DailyRowKey(e, p)))
                    .Append((Partition: EventEntityMapper.DailyPartition(e.Timestamp, e.OrganizationId), RowKey: EventEntityMapper.LegacyDailyRowKey(e))))
                .GroupBy(k => k.Partition, k => k.RowKey, StringComparer.Ordinal);
            await Task.WhenAll(keys.Select(partition => TableDeletes.DeleteAsync(daily, partition.Key, partition, cancellationToken)));
            await context.SaveCheckpointAsync(page.Values[^1].RowKey, cancellationToken);
            if (context.OutOfTime)
            {
                return false;
            }
        }
        return true;
    }
}
