using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Overview;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Export;

/// <summary>
/// Writes everything the <c>Onboarding</c> table holds for one organization as one JSON document (schema
/// version 1), reading its partition page by page and flushing each page to the output, so the partition is
/// never held in memory whole:
/// <list type="bullet">
/// <item><c>profile.overview</c>: the onboarding as <c>GET /onboarding</c> shows it (wizard with each step's data,
/// checklist, features, tutorials, sample-data status), rendered by the app's own views;</item>
/// <item><c>profile.rows</c>: the <c>profile|</c> rows as stored (state, activity counters and per-type counts, tutorials), raw;</item>
/// <item><c>events</c>: every <c>event|</c> row in the event contract's JSON (<see cref="EventContract.ToJson"/>) with its <c>recordedAt</c>;</item>
/// <item><c>sampleData</c>: every <c>sample|</c> row, raw;</item>
/// <item><c>otherRows</c>: any other row of the partition (an erasure in progress, rows a later release adds), raw.</item>
/// </list>
/// A raw row is <c>{"rowKey", "updatedAt", "properties": {name: value}}</c>, values in their JSON form
/// (dates ISO 8601, binary base64). The other tables hold nothing that is not derived from these rows.
/// </summary>
public sealed class OrganizationExport(TableServiceClient tables, OrganizationStore store, Catalog.CatalogVersions catalogs, IOptions<JsonOptions> json, TimeProvider clock)
{
    public const int SchemaVersion = 1;

    /// <summary>Rows read (and written out) per request to storage.</summary>
    public const int PageSize = 200;

    private TableClient Table => tables.GetTableClient(OnboardingStorage.OnboardingTable);

    public async Task WriteAsync(Utf8JsonWriter writer, string organizationId, CancellationToken cancellationToken)
    {
        var snapshot = await store.LoadAsync(organizationId, cancellationToken);
        writer.WriteStartObject();
        writer.WriteNumber("schemaVersion", SchemaVersion);
        writer.WriteString("organizationId", organizationId);
        writer.WriteString("exportedAt", clock.GetUtcNow());

        writer.WriteStartObject("profile");
        writer.WritePropertyName("overview");
        // Through an element: serializing into the writer would flush it synchronously, which the response refuses.
        JsonSerializer.SerializeToElement(OverviewView.From(snapshot.Onboarding, (await catalogs.GetAsync(cancellationToken)).For(snapshot.Onboarding), clock.GetUtcNow()), json.Value.SerializerOptions).WriteTo(writer);
        writer.WriteStartArray("rows");
        foreach (var row in snapshot.StoredRows.Values.OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            WriteRaw(writer, row);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);

        writer.WriteStartArray("events");
        await WritePagesAsync(writer, ProfileRows.PrefixFilter(organizationId, ProfileRows.EventPrefix), row =>
        {
            var e = EventContract.ToJson(EventEntityMapper.FromOrganizationRow(row));
            if (row.GetDateTimeOffset("RecordedAt") is { } recordedAt)
            {
                e["recordedAt"] = recordedAt;
            }
            e.WriteTo(writer);
        }, cancellationToken);
        writer.WriteEndArray();

        writer.WriteStartArray("sampleData");
        await WritePagesAsync(writer, ProfileRows.PrefixFilter(organizationId, ProfileRows.SamplePrefix), row => WriteRaw(writer, row), cancellationToken);
        writer.WriteEndArray();

        writer.WriteStartArray("otherRows");
        await WritePagesAsync(writer, OtherRowsFilter(organizationId), row => WriteRaw(writer, row), cancellationToken);
        writer.WriteEndArray();

        writer.WriteEndObject();
    }

    /// <summary>The rows of the partition outside the <c>event|</c>, <c>profile|</c> and <c>sample|</c> ranges.</summary>
    private static string OtherRowsFilter(string organizationId) => TableClient.CreateQueryFilter(
        $"PartitionKey eq {organizationId} and (RowKey lt {ProfileRows.EventPrefix} or (RowKey ge {"event}"} and RowKey lt {ProfileRows.ProfilePrefix}) or (RowKey ge {ProfileRows.ProfileUpperBound} and RowKey lt {ProfileRows.SamplePrefix}) or RowKey ge {"sample}"})");

    private async Task WritePagesAsync(Utf8JsonWriter writer, string filter, Action<TableEntity> write, CancellationToken cancellationToken)
    {
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, maxPerPage: PageSize, cancellationToken: cancellationToken).AsPages())
        {
            foreach (var row in page.Values)
            {
                write(row);
            }
            await writer.FlushAsync(cancellationToken);
        }
    }

    /// <summary>A row as stored: its key, when storage last changed it, and every property by its name.</summary>
    public static void WriteRaw(Utf8JsonWriter writer, TableEntity row)
    {
        writer.WriteStartObject();
        writer.WriteString("rowKey", row.RowKey);
        if (row.Timestamp is { } updatedAt)
        {
            writer.WriteString("updatedAt", updatedAt);
        }
        writer.WriteStartObject("properties");
        foreach (var (name, value) in row.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" || name.StartsWith("odata.", StringComparison.Ordinal))
            {
                continue;
            }
            writer.WritePropertyName(name);
            switch (value)
            {
                case null: writer.WriteNullValue(); break;
                case string text: writer.WriteStringValue(text); break;
                case bool flag: writer.WriteBooleanValue(flag); break;
                case int number: writer.WriteNumberValue(number); break;
                case long number: writer.WriteNumberValue(number); break;
                case double number when double.IsFinite(number): writer.WriteNumberValue(number); break;
                case DateTimeOffset at: writer.WriteStringValue(at); break;
                case DateTime at: writer.WriteStringValue(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))); break;
                case Guid id: writer.WriteStringValue(id); break;
                case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
                case BinaryData data: writer.WriteBase64StringValue(data.ToArray()); break;
                default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            }
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
