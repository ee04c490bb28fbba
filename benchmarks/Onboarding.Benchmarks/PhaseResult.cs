namespace Onboarding.Benchmarks;

/// <summary>
/// One measured phase: how many events it stored in how long, whether they all arrived, and its progress lines
/// without progress (and how many of those storage answered nothing in).
/// </summary>
public sealed record PhaseResult(string Name, long Events, TimeSpan Elapsed, string Detail, bool Exact = true, int StalledIntervals = 0, int StorageSilentIntervals = 0)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    /// <summary>Two phases over the same events, one after the other: what Azurite needs to do both.</summary>
    public static PhaseResult Sequential(string name, PhaseResult first, PhaseResult second) =>
        new(name, first.Events, first.Elapsed + second.Elapsed, $"{first.Name} + {second.Name}, times added");
}
