using System.Globalization;

namespace Onboarding.Benchmarks;

/// <summary>One aim of the benchmark: a ratio from this run against its target.</summary>
public sealed record Aim(string Name, double Ratio, double Target, bool AtMost, bool IsPercent)
{
    public bool Met => AtMost ? Ratio <= Target : Ratio >= Target;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"  {Name,-58} = {Format(Ratio),8}  (aim {(AtMost ? "≤" : "≥")} {Format(Target)}: {(Met ? "met" : "NOT met")})");

    private string Format(double value) => IsPercent ? value.ToString("P1", CultureInfo.InvariantCulture) : value.ToString("F2", CultureInfo.InvariantCulture) + "x";
}

/// <summary>
/// The performance aims for a 2-core machine, each a ratio from one run against what the same machine, host model
/// and Azurite do without the app: ingestion against the raw rows plus the queue work, or the host's rhythm with an
/// empty function when that is slower, reads against a raw read plus an
/// empty function through the same host, start-up against an empty app. The ingestion ratios leave out the progress
/// lines in which storage answered nothing at all (Azurite's queue sweep), on both sides, and say how long that was.
/// </summary>
public static class PerformanceAims
{
    public const double Batched = 0.80;
    public const double Single = 0.70;
    public const double ReadP50 = 1.2;
    public const double ReadP99 = 1.6;
    public const double Startup = 1.15;

    /// <remarks>
    /// Each ingestion ratio is against the slower of its two ceilings: Azurite's (the raw rows plus the queue work, times
    /// added) and the host's rhythm (the same messages through the same host to an empty function). Whichever binds is
    /// named in the aim's line.
    /// </remarks>
    public static IReadOnlyList<Aim> Of(PhaseResult batched, RawCeilings batchedCeilings, PhaseResult? single, RawCeilings singleCeilings,
        StartupResult? startup, ReadLatencyResult? reads)
    {
        var aims = new List<Aim>();
        if (batchedCeilings.Binding is { } batchedCeiling)
        {
            aims.Add(new($"batched ingestion / ({Named(batchedCeilings, "raw rows + queue work")})", OutsideSilence(batched, batchedCeiling), Batched, AtMost: false, IsPercent: true));
        }
        if (single is not null && singleCeilings.Binding is { } singleCeiling)
        {
            aims.Add(new($"single-event ingestion / ({Named(singleCeilings, "raw 1-event transactions + queue work")})", OutsideSilence(single, singleCeiling), Single, AtMost: false, IsPercent: true));
        }
        if (reads?.EmptyFunction is { } empty)
        {
            aims.Add(new("GET onboarding p50 / (raw read p50 + empty function p50)", reads.Api.P50Milliseconds / (reads.Raw.P50Milliseconds + empty.P50Milliseconds), ReadP50, AtMost: true, IsPercent: false));
            aims.Add(new("GET onboarding p99 / (raw read p99 + empty function p99)", reads.Api.P99Milliseconds / (reads.Raw.P99Milliseconds + empty.P99Milliseconds), ReadP99, AtMost: true, IsPercent: false));
        }
        if (startup is not null)
        {
            aims.Add(new("start-up / empty app (medians)", startup.Ratio, Startup, AtMost: true, IsPercent: false));
        }
        return aims;
    }

    public static void Print(IReadOnlyList<Aim> aims, IEnumerable<PhaseResult> phases)
    {
        Console.WriteLine();
        Console.WriteLine($"Aims ({aims.Count(a => a.Met)} of {aims.Count} met; ratios from this run):");
        foreach (var aim in aims)
        {
            Console.WriteLine(aim);
        }
        var silent = phases.Where(p => p.StorageSilence > TimeSpan.Zero).ToList();
        Console.WriteLine(silent.Count == 0
            ? "  storage silences: none in any phase"
            : "  storage silences left out of the ingestion ratios: " + string.Join(", ", silent.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.StorageSilence.TotalSeconds:F0} s"))));
    }

    private static string Named(RawCeilings ceilings, string storage) =>
        ceilings.HostRhythm is not null && ReferenceEquals(ceilings.Binding, ceilings.HostRhythm) ? "host's rhythm, empty function" : storage;

    private static double OutsideSilence(PhaseResult ingestion, PhaseResult raw) => ingestion.EventsPerSecondOutsideSilence / raw.EventsPerSecondOutsideSilence;
}
