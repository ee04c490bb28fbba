using System.Globalization;

namespace Onboarding.Benchmarks;

/// <summary>
/// An ingestion phase's ceilings: its rows written by the SDK alone, its queue messages taken and deleted alone, and
/// the two one after the other (what Azurite needs to do both); and the same messages through the same host to an
/// empty function (the host's rhythm: how fast the host feeds any function). Any may be missing.
/// </summary>
public sealed record RawCeilings(PhaseResult? Tables, PhaseResult? Drain, PhaseResult? Combined, PhaseResult? HostRhythm = null)
{
    public IEnumerable<PhaseResult> All => new[] { Tables, Drain, HostRhythm, Combined }.OfType<PhaseResult>();

    /// <summary>The slower of Azurite's ceiling and the host's rhythm, outside storage silences: the one no app can pass.</summary>
    public PhaseResult? Binding => (Combined, HostRhythm) switch
    {
        ({ } storage, { } host) => host.EventsPerSecondOutsideSilence < storage.EventsPerSecondOutsideSilence ? host : storage,
        var (storage, host) => storage ?? host,
    };
}

/// <summary>The run's figures as one table, each ingestion phase against its raw ceilings.</summary>
public static class ResultsTable
{
    /// <param name="batchedCeilings">Its <see cref="RawCeilings.Tables"/> is the raw ceiling every ratio is first taken against.</param>
    /// <param name="startup">Start-up through the local Functions host, the app against an empty worker app; null when skipped.</param>
    public static void Print(RawCeilings batchedCeilings, PhaseResult batched, RawCeilings singleCeilings, PhaseResult? single,
        StartupResult? startup, ReadLatencyResult? reads)
    {
        var raw = batchedCeilings.Tables!;
        Console.WriteLine();
        Console.WriteLine($"{"phase",-40} {"events",9} {"seconds",8} {"events/s",9} {"stalls",6}  {"ingestion / ceilings",-22} detail (ratios outside storage silences)");
        foreach (var ceiling in batchedCeilings.All)
        {
            Row(ceiling, null);
        }
        Row(batched, $"{Ratio(batched, raw)} of raw" + (batchedCeilings.Combined is { } withQueue ? $", {Ratio(batched, withQueue)} w/ queue" : "")
            + (batchedCeilings.HostRhythm is { } batchedRhythm ? $", {Ratio(batched, batchedRhythm)} of host" : ""));
        foreach (var ceiling in singleCeilings.All)
        {
            Row(ceiling, null);
        }
        if (single is not null)
        {
            Row(single, $"{Ratio(single, raw)} of raw" + (singleCeilings.Combined is { } combined ? $", {Ratio(single, combined)} of 1/msg" : "")
                + (singleCeilings.HostRhythm is { } singleRhythm ? $", {Ratio(single, singleRhythm)} of host" : ""));
        }
        Console.WriteLine();
        Console.WriteLine($"Batched ingestion / raw ceiling = {Ratio(batched, raw)}" +
            (batchedCeilings.Combined is { } both ? $"; / raw rows and queue work = {Ratio(batched, both)}" : "") + HostRhythm(batched, batchedCeilings));
        if (single is not null && singleCeilings.Combined is { } singleCeiling)
        {
            Console.WriteLine($"Single-event ingestion / its raw path = {Ratio(single, singleCeiling)}" + HostRhythm(single, singleCeilings));
        }
        var ingestion = new[] { batched, single }.OfType<PhaseResult>().ToList();
        var stalls = ingestion.Sum(p => p.StalledIntervals);
        var storageSilent = ingestion.Sum(p => p.StorageSilentIntervals);
        Console.WriteLine($"Progress lines without progress while messages waited (ingestion): {stalls} ({(stalls == 0 ? "none" : "STALLED")})" +
            (stalls == 0 ? "" : $", {storageSilent} of them while storage answered no request at all"));
        PrintProcessorTime([.. batchedCeilings.All, batched, .. singleCeilings.All, .. new[] { single }.OfType<PhaseResult>()]);
        if (startup is not null)
        {
            Console.WriteLine();
            Console.WriteLine($"{"start-up: host process -> first 200",-40} {"median s",9}  each start (s)");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"this app, GET /api/health",-40} {startup.AppMedian.TotalSeconds,9:F2}  {StartupResult.Seconds(startup.App)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"empty worker app, GET /api/echo/{*rest}",-40} {startup.EmptyAppMedian.TotalSeconds,9:F2}  {StartupResult.Seconds(startup.EmptyApp)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Start-up, this app / empty app (medians) = {startup.Ratio:F2}x (+{(startup.AppMedian - startup.EmptyAppMedian).TotalSeconds:F2} s)"));
        }
        if (reads is not null)
        {
            PrintReads(reads);
        }
        PerformanceAims.Print(PerformanceAims.Of(batched, batchedCeilings, single, singleCeilings, startup, reads),
            [.. batchedCeilings.All, batched, .. singleCeilings.All, .. new[] { single }.OfType<PhaseResult>()]);
    }

    /// <summary>Where the processor time went, per message, in each phase that read it (two cores for everything).</summary>
    private static void PrintProcessorTime(IReadOnlyList<PhaseResult> phases)
    {
        var read = phases.Where(p => p.Processor is not null).ToList();
        if (read.Count == 0)
        {
            return;
        }
        Console.WriteLine();
        Console.WriteLine("processor time per message (ms), over each phase's timed part");
        foreach (var phase in read)
        {
            var (use, messages) = phase.Processor!.Value;
            Console.WriteLine($"{phase.Name,-40} {use.Figures(messages)}");
        }
    }

    private static void PrintReads(ReadLatencyResult reads)
    {
        Console.WriteLine();
        Console.WriteLine($"{$"read latency, {reads.Clients} concurrent clients",-40} {"requests",9} {"errors",7} {"p50 ms",8} {"p99 ms",8}");
        foreach (var result in new[] { reads.Api, reads.Raw, reads.EmptyFunction }.OfType<LatencyResult>())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Name,-40} {result.Requests,9:N0} {result.Errors,7} {result.P50Milliseconds,8:F1} {result.P99Milliseconds,8:F1}"));
        }
        foreach (var result in new[] { reads.Api, reads.Raw, reads.EmptyFunction }.OfType<LatencyResult>().Where(r => r.Processor is not null))
        {
            Console.WriteLine($"{result.Name,-40} processor time per request: {result.Processor!.Figures(result.Requests)}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GET / raw read: p50 {reads.P50Ratio:F2}x, p99 {reads.P99Ratio:F2}x"));
        if (reads.EmptyFunction is { } empty)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Empty function through the host / raw read: p50 {empty.P50Milliseconds / reads.Raw.P50Milliseconds:F2}x, p99 {empty.P99Milliseconds / reads.Raw.P99Milliseconds:F2}x " +
                $"(no storage at all: the host model's own cost; GET / empty function: p50 {reads.Api.P50Milliseconds / empty.P50Milliseconds:F2}x)"));
        }
    }

    private static void Row(PhaseResult result, string? ratio) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Name,-40} {result.Events,9:N0} {result.Elapsed.TotalSeconds,8:F1} {result.EventsPerSecond,9:N0} {result.StalledIntervals,6}  {ratio ?? "",-22} {result.Detail}{(result.Exact ? "" : "  ** NOT EXACT **")}"));

    private static string HostRhythm(PhaseResult ingestion, RawCeilings ceilings) => ceilings.HostRhythm is { } rhythm
        ? $"; / the host's rhythm (empty function) = {Ratio(ingestion, rhythm)}; the host's rhythm / Azurite's ceiling = {Ratio(rhythm, ceilings.Combined ?? rhythm)}"
        : "";

    /// <summary>As the aims take it: each side's rate without the progress lines in which storage answered nothing.</summary>
    private static string Ratio(PhaseResult ingestion, PhaseResult raw) =>
        (ingestion.EventsPerSecondOutsideSilence / raw.EventsPerSecondOutsideSilence).ToString("P1", CultureInfo.InvariantCulture);
}
