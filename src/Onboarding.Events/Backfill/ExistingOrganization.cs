using System.Globalization;

namespace Onboarding.Events;

/// <summary>An organization that existed before onboarding started at sign-up: when it was created, and its activity counts now (if known).</summary>
public sealed record ExistingOrganization(string OrganizationId, DateTimeOffset CreatedAt, ActivityCounts? Counts = null)
{
    /// <summary>The CSV header <see cref="ReadCsv"/> expects; the four counts may be left empty.</summary>
    public const string CsvHeader = "organizationId,createdAt,events,teams,volunteers,assignments";

    /// <summary>
    /// Reads <see cref="CsvHeader"/> and one organization per line (<c>org-42,2025-11-03T09:12:00Z,12,3,27,140</c>; a creation
    /// time with its offset; plain values, no quoting). Blank lines are skipped; a malformed one throws <see cref="FormatException"/> naming its line.
    /// </summary>
    public static IEnumerable<ExistingOrganization> ReadCsv(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine();
        if (header?.Trim() != CsvHeader)
        {
            throw new FormatException($"Line 1: expected the header '{CsvHeader}'.");
        }
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Trim().Length > 0)
            {
                yield return Parse(line, number);
            }
        }
    }

    private static ExistingOrganization Parse(string line, int number)
    {
        var fields = line.Split(',').Select(f => f.Trim()).ToArray();
        if (fields.Length is not (2 or 6))
        {
            throw new FormatException($"Line {number}: expected 2 or 6 comma-separated fields ({CsvHeader}), found {fields.Length}.");
        }
        if (fields[0].Length == 0)
        {
            throw new FormatException($"Line {number}: organizationId is empty.");
        }
        if (!DateTimeOffset.TryParse(fields[1], CultureInfo.InvariantCulture, DateTimeStyles.None, out var createdAt) || !HasOffset(fields[1]))
        {
            throw new FormatException($"Line {number}: createdAt '{fields[1]}' is not an ISO 8601 time with an offset (2025-11-03T09:12:00Z).");
        }
        if (fields.Length == 2 || fields.Skip(2).All(f => f.Length == 0))
        {
            return new ExistingOrganization(fields[0], createdAt);
        }
        long? Count(int index, string name) =>
            fields[index].Length == 0 ? null
            : long.TryParse(fields[index], NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count
            : throw new FormatException($"Line {number}: {name} '{fields[index]}' is not a whole number of at least 0.");
        return new ExistingOrganization(fields[0], createdAt,
            new ActivityCounts(Count(2, "events"), Count(3, "teams"), Count(4, "volunteers"), Count(5, "assignments")));
    }

    private static bool HasOffset(string text) => text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal);
}
