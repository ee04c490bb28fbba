using Azure.Data.Tables;
using Onboarding.Functions.Analytics;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Erasure;

/// <summary>
/// The organization's rows of the <c>OnboardingDaily</c> projection, found without scanning that table: every
/// projected event is also an <c>event|{id}</c> row of the organization's partition, whose type and time give its
/// daily key exactly (<c>PartitionKey = yyyyMMdd-{shard(key)}</c>, <c>RowKey = {type}|{key}|{id}</c>) for each key the
/// organization may have been projected under: its pseudonym under the current and every earlier pseudonym key, and
/// its id (rows from before pseudonyms). Deleted a page of the organization's events at a time, each page's keys grouped
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
            var organizationKeys = pseudonyms.All.Select(p => p.Organization(context.OrganizationId)).Append(context.OrganizationId).ToList();
            var keys = page.Values.Select(EventEntityMapper.FromOrganizationRow)
                .SelectMany(e => organizationKeys.Select(key => (Partition: EventEntityMapper.DailyPartition(e.Timestamp, key), RowKey: EventEntityMapper.DailyRowKey(e, key))))
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
