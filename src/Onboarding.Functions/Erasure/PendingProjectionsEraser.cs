using Azure.Data.Tables;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Erasure;

/// <summary>
/// The organization's <c>PendingProjections</c> rows (RowKey <c>{orgId}|{commitId}</c>). The table is keyed by
/// minute, so they are found by a RowKey range over the whole table; it stays small (a row lives from a change's
/// commit until its projection, or the next sweep), so that scan is cheap.
/// </summary>
public sealed class PendingProjectionsEraser(TableServiceClient tables) : IOrganizationDataEraser
{
    public string Name => "pending";

    public async Task<bool> EraseAsync(ErasureContext context, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(OnboardingStorage.PendingProjectionsTable);
        var org = context.OrganizationId;
        var rows = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {org + "|"} and RowKey lt {org + "}"}"),
            select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        await Task.WhenAll(rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal)
            .Select(minute => TableDeletes.DeleteAsync(table, minute.Key, minute.Select(r => r.RowKey), cancellationToken)));
        return true;
    }
}
