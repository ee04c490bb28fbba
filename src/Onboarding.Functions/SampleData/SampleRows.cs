using System.Globalization;
using Azure.Data.Tables;
using Onboarding.Domain.SampleData;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.SampleData;

/// <summary>A generated data set as it is read back: what the frontend shows on its demo screens.</summary>
public sealed record SampleDataSetView(
    IReadOnlyList<SampleEvent> Events,
    IReadOnlyList<SampleTeam> Teams,
    IReadOnlyList<SampleVolunteer> Volunteers,
    IReadOnlyList<SampleAssignment> Assignments);

/// <summary>
/// Sample objects as rows of the organization's partition: <c>sample|{kind}|{n}</c> (from the
/// generator's keys <c>{kind}-{n}</c>), one typed column per field.
/// </summary>
internal static class SampleRows
{
    /// <summary>The set's expiry on each of its rows: what tells one set's rows from a newer set's.</summary>
    public const string ExpiresAtColumn = "ExpiresAt";

    public static IEnumerable<TableEntity> ToEntities(string organizationId, SampleDataSet set, DateTimeOffset expiresAt)
    {
        foreach (var row in RowsOf(organizationId, set))
        {
            row[ExpiresAtColumn] = expiresAt;
            yield return row;
        }
    }

    private static IEnumerable<TableEntity> RowsOf(string organizationId, SampleDataSet set)
    {
        foreach (var e in set.Events)
        {
            yield return new TableEntity(organizationId, RowKey(e.Key))
            {
                ["Title"] = e.Title,
                ["LocalStart"] = e.LocalStart.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
                ["StartsAt"] = e.StartsAtUtc,
                ["DurationMinutes"] = e.DurationMinutes,
                ["TeamKeys"] = string.Join(',', e.TeamKeys),
                ["TimeZone"] = set.TimeZoneId,
            };
        }
        foreach (var t in set.Teams)
        {
            yield return new TableEntity(organizationId, RowKey(t.Key)) { ["Name"] = t.Name, ["Role"] = t.Role };
        }
        foreach (var v in set.Volunteers)
        {
            yield return new TableEntity(organizationId, RowKey(v.Key)) { ["DisplayName"] = v.DisplayName, ["TeamKey"] = v.TeamKey };
        }
        foreach (var a in set.Assignments)
        {
            yield return new TableEntity(organizationId, RowKey(a.Key))
            {
                ["EventKey"] = a.EventKey, ["VolunteerKey"] = a.VolunteerKey, ["TeamKey"] = a.TeamKey, ["Role"] = a.Role,
            };
        }
    }

    public static SampleDataSetView ToView(IEnumerable<TableEntity> rows)
    {
        var byKind = rows.GroupBy(Kind).ToDictionary(g => g.Key, g => g.OrderBy(Number).ToList());
        IReadOnlyList<TableEntity> Of(string kind) => byKind.GetValueOrDefault(kind) ?? [];
        return new SampleDataSetView(
            [.. Of("event").Select(r => new SampleEvent(Key(r), r.GetString("Title") ?? "",
                DateTime.ParseExact(r.GetString("LocalStart") ?? "2000-01-01T00:00", "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
                r.GetDateTimeOffset("StartsAt") ?? default, r.GetInt32("DurationMinutes") ?? 0,
                (r.GetString("TeamKeys") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)))],
            [.. Of("team").Select(r => new SampleTeam(Key(r), r.GetString("Name") ?? "", r.GetString("Role") ?? ""))],
            [.. Of("volunteer").Select(r => new SampleVolunteer(Key(r), r.GetString("DisplayName") ?? "", r.GetString("TeamKey") ?? ""))],
            [.. Of("assignment").Select(r => new SampleAssignment(Key(r), r.GetString("EventKey") ?? "", r.GetString("VolunteerKey") ?? "",
                r.GetString("TeamKey") ?? "", r.GetString("Role") ?? ""))]);
    }

    /// <summary><c>event-1</c> → <c>sample|event|1</c>.</summary>
    private static string RowKey(string key)
    {
        var dash = key.LastIndexOf('-');
        return ProfileRows.SamplePrefix + key[..dash] + "|" + key[(dash + 1)..];
    }

    private static string Kind(TableEntity row) => row.RowKey.Split('|')[1];

    private static int Number(TableEntity row) => int.TryParse(row.RowKey.Split('|')[^1], out var n) ? n : 0;

    private static string Key(TableEntity row) => $"{Kind(row)}-{row.RowKey.Split('|')[^1]}";
}
