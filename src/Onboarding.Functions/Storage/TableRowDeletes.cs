using Azure;
using Azure.Data.Tables;

namespace Onboarding.Functions.Storage;

/// <summary>Deleting index rows: one its reader found stale, or all of an organization's.</summary>
public static class TableRowDeletes
{
    /// <summary>Deletes the row if it is still the version <paramref name="etag"/> names; one gone already, or written again meanwhile (then current), stays as it is.</summary>
    public static async Task DeleteIfUnchangedAsync(this TableClient table, string partitionKey, string rowKey, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, etag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Nothing to do either way.
        }
    }

    /// <summary>Deletes every row <paramref name="filter"/> selects (one query, paged by the service); rows gone meanwhile are skipped.</summary>
    public static async Task DeleteWhereAsync(this TableClient table, string filter, CancellationToken cancellationToken)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteIfUnchangedAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
    }
}
