using Azure;
using Azure.Data.Tables;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Erasure;

/// <summary>Deleting rows by their keys where some may be gone already (an erasure run before, a purge, a concurrent eraser).</summary>
public static class TableDeletes
{
    /// <summary>
    /// Deletes <paramref name="rowKeys"/> of one partition in transactions of 100; rows already gone are skipped:
    /// a transaction refused with 404 is retried with only the rows that still exist (read one by one).
    /// Returns how many rows this call deleted.
    /// </summary>
    public static async Task<int> DeleteAsync(TableClient table, string partitionKey, IEnumerable<string> rowKeys, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var chunk in rowKeys.Distinct(StringComparer.Ordinal).Chunk(OnboardingStorage.MaxTransactionActions))
        {
            IReadOnlyList<string> keys = chunk;
            for (var attempt = 1; keys.Count > 0; attempt++)
            {
                try
                {
                    await table.SubmitTransactionAsync(keys.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, k), ETag.All)), cancellationToken);
                    deleted += keys.Count;
                    break;
                }
                catch (TableTransactionFailedException e) when (e.Status == 404 && attempt < 4)
                {
                    keys = await ExistingAsync(table, partitionKey, keys, cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "TableNotFound")
                {
                    return deleted;
                }
            }
        }
        return deleted;
    }

    /// <summary>Deletes one row; a row (or table) already gone is not an error.</summary>
    public static async Task<bool> DeleteOneAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private static async Task<IReadOnlyList<string>> ExistingAsync(TableClient table, string partitionKey, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken)
    {
        var reads = await Task.WhenAll(rowKeys.Select(k => table.GetEntityIfExistsAsync<TableEntity>(partitionKey, k, select: ["RowKey"], cancellationToken: cancellationToken)));
        return [.. rowKeys.Where((_, i) => reads[i].HasValue)];
    }
}
