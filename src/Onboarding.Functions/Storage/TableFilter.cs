using System.Globalization;
using System.Text;

namespace Onboarding.Functions.Storage;

/// <summary>
/// Builds OData filters from an interpolated string whose holes are values, never text:
/// <c>TableFilter.Create($"PartitionKey eq {orgId} and Count ge {5L}")</c> quotes and escapes each
/// value by its type, so user input cannot change the shape of the query.
/// </summary>
public static class TableFilter
{
    public static string Create(FormattableString filter)
    {
        var arguments = filter.GetArguments().Select(Literal).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, arguments);
    }

    /// <summary>The OData literal for one value.</summary>
    public static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => DoubleLiteral(d),
        DateTimeOffset d => "datetime'" + d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'",
        DateTime d => Literal(d.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(d, TimeSpan.Zero) : new DateTimeOffset(d)),
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexString(bytes).ToLowerInvariant() + "'",
        _ => throw new ArgumentException($"Values of type {value.GetType().Name} cannot be used in a table filter."),
    };

    private static string DoubleLiteral(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        // Without a decimal point the service reads the literal as Int32.
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    /// <summary>Rows of <paramref name="partitionKey"/> whose RowKey starts with <paramref name="prefix"/>.</summary>
    public static string RowKeyPrefix(string partitionKey, string prefix) =>
        Create($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {PrefixUpperBound(prefix)}");

    /// <summary>The smallest string greater than every string that starts with <paramref name="prefix"/>.</summary>
    public static string PrefixUpperBound(string prefix)
    {
        if (prefix.Length == 0)
        {
            throw new ArgumentException("A prefix must not be empty.", nameof(prefix));
        }
        var builder = new StringBuilder(prefix);
        builder[^1] = (char)(builder[^1] + 1);
        return builder.ToString();
    }
}
