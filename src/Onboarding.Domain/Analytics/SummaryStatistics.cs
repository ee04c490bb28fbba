namespace Onboarding.Domain.Analytics;

/// <summary>
/// Count, average, median, 90th percentile, minimum and maximum of a set of durations; all but the
/// count are null for an empty set. Percentiles interpolate linearly between the closest ranks (the
/// definition spreadsheets call PERCENTILE.INC), so the median of 1, 2, 3, 4 is 2.5.
/// </summary>
public sealed record SummaryStatistics(int Count, double? Average, double? Median, double? P90, double? Min, double? Max)
{
    public static SummaryStatistics Empty { get; } = new(0, null, null, null, null, null);

    public static SummaryStatistics From(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0
            ? Empty
            : new SummaryStatistics(sorted.Length, sorted.Average(), Percentile(sorted, 0.5), Percentile(sorted, 0.9), sorted[0], sorted[^1]);
    }

    /// <summary>The <paramref name="fraction"/> percentile (0 to 1) of ascending, non-empty <paramref name="sorted"/>.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        var rank = (sorted.Count - 1) * fraction;
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((rank - lower) * (sorted[upper] - sorted[lower]));
    }
}
