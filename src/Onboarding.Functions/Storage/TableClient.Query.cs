using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;

namespace Onboarding.Functions.Storage;

public sealed partial class TableClient
{
    /// <summary>
    /// Queries the table. Build <paramref name="filter"/> with <see cref="TableFilter.Create"/>;
    /// <paramref name="maxPerPage"/> is sent as <c>$top</c>. Enumerating follows continuation tokens
    /// through every page; a page may be empty and still continue.
    /// </summary>
    public AsyncPageable<TableEntity> QueryAsync(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        new TableQueryPageable(this, filter, maxPerPage, select?.ToArray(), cancellationToken);

    private async Task<Page<TableEntity>> QueryPageAsync(string? filter, int? top, string[]? select, string? continuationToken, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, "/" + Name + "()");
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter, escapeValue: true);
        }
        if (top is { } pageSize)
        {
            uri.AppendQuery("$top", pageSize.ToString(CultureInfo.InvariantCulture), escapeValue: true);
        }
        AppendSelect(message, select);
        if (ContinuationToken.TryParse(continuationToken, out var nextPartition, out var nextRow))
        {
            uri.AppendQuery("NextPartitionKey", nextPartition, escapeValue: true);
            if (nextRow is not null)
            {
                uri.AppendQuery("NextRowKey", nextRow, escapeValue: true);
            }
        }

        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrorParser.Exception(response);
        }
        using var json = JsonDocument.Parse(response.Content.ToMemory());
        var entities = json.RootElement.TryGetProperty("value", out var values)
            ? values.EnumerateArray().Select(TableEntityJson.Read).ToList()
            : [];
        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var partition);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var row);
        return Page<TableEntity>.FromValues(entities, ContinuationToken.Format(partition, row), response);
    }

    private sealed class TableQueryPageable(TableClient table, string? filter, int? top, string[]? select, CancellationToken cancellationToken)
        : AsyncPageable<TableEntity>(cancellationToken)
    {
        public override async IAsyncEnumerable<Page<TableEntity>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            var token = continuationToken;
            do
            {
                var page = await table.QueryPageAsync(filter, pageSizeHint ?? top, select, token, CancellationToken).ConfigureAwait(false);
                yield return page;
                token = page.ContinuationToken;
            }
            while (token is not null);
        }
    }

    /// <summary>The service's NextPartitionKey / NextRowKey pair as one opaque string.</summary>
    private static class ContinuationToken
    {
        public static string? Format(string? partition, string? row) =>
            string.IsNullOrEmpty(partition) ? null : row is null ? partition : partition + " " + row;

        public static bool TryParse(string? token, out string partition, out string? row)
        {
            partition = string.Empty;
            row = null;
            if (string.IsNullOrEmpty(token))
            {
                return false;
            }
            var space = token.IndexOf(' ');
            partition = space < 0 ? token : token[..space];
            row = space < 0 ? null : token[(space + 1)..];
            return true;
        }
    }
}
