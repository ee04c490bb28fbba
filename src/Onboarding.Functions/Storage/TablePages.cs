using Azure;
using Azure.Data.Tables;

namespace Onboarding.Functions.Storage;

/// <summary>Reading an index one page at a time, as the paged lists hand their continuation tokens to clients.</summary>
public static class TablePages
{
    /// <summary>The one page <paramref name="continuationToken"/> points at (the first without it): at most <paramref name="pageSize"/> rows and the next token; null when the query has no rows.</summary>
    public static async Task<Page<TableEntity>?> OnePageAsync(
        this TableClient table, string filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize))
        {
            return page;
        }
        return null;
    }
}
