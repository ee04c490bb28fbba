using Azure;
using Azure.Data.Tables;

namespace Onboarding.Functions.Storage;

/// <summary>Deleting an index row that its reader found stale.</summary>
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
}
