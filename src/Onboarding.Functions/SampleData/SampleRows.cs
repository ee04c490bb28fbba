using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.SampleData;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.SampleData;

/// <summary>
/// A generated data set as it is read back: the zone its local times are in, and its objects per activity counter
/// (each object its <c>key</c> and fields). What the frontend shows on its demo screens.
/// </summary>
public sealed record SampleDataSetView(string? TimeZone, IReadOnlyDictionary<string, IReadOnlyList<SampleObjectView>> Collections);

/// <summary>One demo object: its key, and its fields beside it as the catalog's template made them.</summary>
public sealed record SampleObjectView(string Key)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement> Fields { get; init; } = [];
}

/// <summary>
/// Sample objects as rows of the organization's partition: <c>sample|{kind}|{n}</c> (from the generator's keys
/// <c>{kind}-{n}</c>), the object's fields as JSON in one column.
/// </summary>
internal static class SampleRows
{
    /// <summary>The set's expiry on each of its rows: what tells one set's rows from a newer set's.</summary>
    public const string ExpiresAtColumn = "ExpiresAt";

    private const string FieldsColumn = "Fields";
    private const string TimeZoneColumn = "TimeZone";

    /// <summary>Columns that are not an object's fields, on rows written before the fields moved into one column.</summary>
    private static readonly HashSet<string> NotFields = new(StringComparer.Ordinal)
    {
        "PartitionKey", "RowKey", "Timestamp", "odata.etag", ExpiresAtColumn, TimeZoneColumn,
    };

    public static IEnumerable<TableEntity> ToEntities(string organizationId, SampleDataSet set, DateTimeOffset expiresAt) =>
        set.Collections.SelectMany(collection => collection.Items).Select(item => new TableEntity(organizationId, RowKey(item.Key))
        {
            [FieldsColumn] = item.Fields.ToJsonString(),
            [TimeZoneColumn] = set.TimeZoneId,
            [ExpiresAtColumn] = expiresAt,
        });

    /// <summary>The rows grouped by the counter their kind stands for in <paramref name="template"/> (a kind it lacks, by its own name).</summary>
    public static SampleDataSetView ToView(IEnumerable<TableEntity> rows, SampleDataTemplate? template)
    {
        var kinds = rows.GroupBy(Kind)
            .OrderBy(group => template?.Collections.ToList().FindIndex(c => c.Kind == group.Key) is >= 0 and var index ? index : int.MaxValue)
            .ToList();
        return new SampleDataSetView(
            kinds.SelectMany(k => k).Select(r => r.GetString(TimeZoneColumn)).FirstOrDefault(zone => zone is not null),
            kinds.ToDictionary(
                group => template?.ByKind(group.Key)?.Counter ?? group.Key,
                group => (IReadOnlyList<SampleObjectView>)[.. group.OrderBy(Number).Select(Item)],
                StringComparer.Ordinal));
    }

    private static SampleObjectView Item(TableEntity row) =>
        new($"{Kind(row)}-{Number(row)}")
        {
            Fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(row.GetString(FieldsColumn) ?? LegacyFields(row).ToJsonString()) ?? [],
        };

    /// <summary>A row of a set generated before the fields moved into one column: one column per field.</summary>
    private static JsonObject LegacyFields(TableEntity row) => new(row
        .Where(column => !NotFields.Contains(column.Key) && !column.Key.EndsWith("@odata.type", StringComparison.Ordinal))
        .Select(column => KeyValuePair.Create(char.ToLowerInvariant(column.Key[0]) + column.Key[1..], Value(column.Value))));

    private static JsonNode? Value(object? column) => column switch
    {
        string text => text,
        int number => number,
        long number => number,
        double number => number,
        bool flag => flag,
        DateTimeOffset instant => instant,
        DateTime instant => new DateTimeOffset(instant, TimeSpan.Zero),
        _ => column?.ToString(),
    };

    /// <summary><c>event-1</c> → <c>sample|event|1</c>.</summary>
    private static string RowKey(string key)
    {
        var dash = key.LastIndexOf('-');
        return ProfileRows.SamplePrefix + key[..dash] + "|" + key[(dash + 1)..];
    }

    private static string Kind(TableEntity row) => row.RowKey.Split('|')[1];

    private static int Number(TableEntity row) => int.TryParse(row.RowKey.Split('|')[^1], CultureInfo.InvariantCulture, out var n) ? n : 0;
}
