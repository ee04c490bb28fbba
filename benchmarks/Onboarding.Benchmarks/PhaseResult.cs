namespace Onboarding.Benchmarks;

/// <summary>
/// One measured phase: how many events it stored in how long, whether they all arrived, and its progress lines
/// without progress (and how many of those storage answered nothing in).
/// </summary>
public sealed record PhaseResult(
    string Name, long Events, TimeSpan Elapsed, string Detail, bool Exact = true, int StalledIntervals = 0, int StorageSilentIntervals = 0,
    TimeSpan StorageSilence = default)
{
    /// <summary>The processor time each process used over the phase and the messages it stood for, when read.</summary>
    public (CpuUse Use, long Messages)? Processor { get; init; }

    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    /// <summary>The rate over the phase's time without the progress lines in which storage answered nothing (an Azurite sweep).</summary>
    public double EventsPerSecondOutsideSilence => Events / (Elapsed - StorageSilence).TotalSeconds;

    /// <summary>A phase measured by <paramref name="progress"/>: its stalls and storage silences come from there.</summary>
    public static PhaseResult Measured(string name, long events, TimeSpan elapsed, string detail, ProgressMeter progress, bool exact = true) =>
        new(name, events, elapsed, detail, exact, progress.StalledIntervals, progress.StorageSilentIntervals, progress.Interval * progress.StorageSilentIntervals);

    /// <summary>Two phases over the same events, one after the other: what Azurite needs to do both.</summary>
    public static PhaseResult Sequential(string name, PhaseResult first, PhaseResult second) =>
        new(name, first.Events, first.Elapsed + second.Elapsed, $"{first.Name} + {second.Name}, times added",
            StorageSilentIntervals: first.StorageSilentIntervals + second.StorageSilentIntervals, StorageSilence: first.StorageSilence + second.StorageSilence)
        {
            Processor = first.Processor is { } a && second.Processor is { } b ? (a.Use + b.Use, a.Messages) : null,
        };
}
