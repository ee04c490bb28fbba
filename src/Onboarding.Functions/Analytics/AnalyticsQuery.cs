using System.Globalization;

namespace Onboarding.Functions.Analytics;

/// <summary>A range of UTC days, both ends inclusive.</summary>
public sealed record DayRange(DateOnly From, DateOnly To)
{
    public const int MaxDays = 366;

    public int Days => To.DayNumber - From.DayNumber + 1;
}

/// <summary>The query parameters of the analytics routes, checked with per-field errors.</summary>
public static partial class AnalyticsQuery
{
    /// <summary><c>from</c> and <c>to</c> as <c>yyyy-MM-dd</c> (UTC days, inclusive), <c>to</c> not before <c>from</c>, at most 366 days.</summary>
    public static DayRange? Range(HttpRequest request, Dictionary<string, string[]> errors)
    {
        var from = Day(request, "from", errors);
        var to = Day(request, "to", errors);
        if (from is null || to is null)
        {
            return null;
        }
        if (to < from)
        {
            errors["to"] = ["'to' must not be before 'from'."];
            return null;
        }
        var range = new DayRange(from.Value, to.Value);
        if (range.Days > DayRange.MaxDays)
        {
            errors["to"] = [$"The range may span at most {DayRange.MaxDays} days; this one spans {range.Days}."];
            return null;
        }
        return range;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; <paramref name="fallback"/> when absent.</summary>
    public static int? Integer(HttpRequest request, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        var values = request.Query[name];
        if (values.Count == 0)
        {
            return fallback;
        }
        if (values.Count == 1 && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        errors[name] = [$"'{name}' must be a whole number from {min} to {max}."];
        return null;
    }

    /// <summary>One of <paramref name="allowed"/>, or null when absent.</summary>
    public static string? OneOf(HttpRequest request, string name, IReadOnlyList<string> allowed, Dictionary<string, string[]> errors)
    {
        var values = request.Query[name];
        if (values.Count == 0)
        {
            return null;
        }
        if (values.Count == 1 && allowed.FirstOrDefault(a => a == values[0]) is { } value)
        {
            return value;
        }
        errors[name] = [$"'{name}' must be one of {string.Join(", ", allowed)}."];
        return null;
    }

    /// <summary>The <c>experiment</c> to answer per variant of, or null when absent: 1 to 40 letters, digits, '.', '_' or '-'.</summary>
    public static string? Experiment(HttpRequest request, Dictionary<string, string[]> errors)
    {
        var values = request.Query["experiment"];
        if (values.Count == 0)
        {
            return null;
        }
        if (values.Count == 1 && ExperimentShape().IsMatch(values[0] ?? ""))
        {
            return values[0];
        }
        errors["experiment"] = ["'experiment' must be one experiment id: 1 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit."];
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}\z")]
    private static partial System.Text.RegularExpressions.Regex ExperimentShape();

    /// <summary>A UTC day as <c>yyyy-MM-dd</c>, or null when absent (<paramref name="present"/> says which).</summary>
    public static DateOnly? OptionalDay(HttpRequest request, string name, Dictionary<string, string[]> errors, out bool present)
    {
        present = request.Query[name].Count > 0;
        return present ? Day(request, name, errors) : null;
    }

    private static DateOnly? Day(HttpRequest request, string name, Dictionary<string, string[]> errors)
    {
        var values = request.Query[name];
        if (values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            errors[name] = [$"'{name}' is required: a UTC day as yyyy-MM-dd."];
            return null;
        }
        if (values.Count > 1 || !DateOnly.TryParseExact(values[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors[name] = [$"'{name}' must be one UTC day as yyyy-MM-dd."];
            return null;
        }
        return day;
    }
}
