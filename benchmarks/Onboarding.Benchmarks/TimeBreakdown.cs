using System.Globalization;
using Onboarding.Functions.Telemetry;

namespace Onboarding.Benchmarks;

/// <summary>
/// Where a timed ingestion phase's time went per message, from the meters of the host and the worker (read with
/// <see cref="MeterSession"/>): the host's invocation time (from the InvocationRequest to its response) and the worker's
/// own split of it (parse; commit: the profile read when not cached, deciding and the transactions; projection). What
/// remains is dispatch over gRPC and waiting for a thread. Wall-clock times of concurrent messages: under load they
/// include waiting for the CPU and for Azurite.
/// </summary>
public sealed record TimeBreakdown(long Messages, double InvocationMs, double ParseMs, double CommitMs, double ProjectionMs, long ProfileReads)
{
    public static TimeBreakdown From(MeterSession worker, MeterSession host)
    {
        var parse = Series(worker, "onboarding.ingestion.duration", "phase=parse");
        var messages = parse.Count;
        if (messages == 0)
        {
            return new TimeBreakdown(0, 0, 0, 0, 0, 0);
        }
        var invocations = Series(host, "functions.invocation.duration", "function=IngestOnboardingEvents");
        return new TimeBreakdown(messages,
            invocations.Count == 0 ? 0 : invocations.Sum / invocations.Count,
            parse.Sum / messages,
            Series(worker, "onboarding.ingestion.duration", "phase=commit").Sum / messages,
            Series(worker, "onboarding.ingestion.duration", "phase=projection").Sum / messages,
            (long)Series(worker, "onboarding.profile_cache.lookups", "result=miss").Sum);
    }

    /// <summary>The totals of every series of <paramref name="instrument"/> whose tags include <paramref name="tag"/>.</summary>
    private static MeterTotals Series(MeterSession session, string instrument, string tag) =>
        session.Totals.Where(series => series.Key.Instrument == instrument && series.Key.Tags.Split(',').Contains(tag))
            .Aggregate(new MeterTotals(0, 0), (total, series) => new MeterTotals(total.Sum + series.Value.Sum, total.Count + series.Value.Count));

    public override string ToString() => Messages == 0
        ? $"no ingestion measured: the worker's meter {OnboardingMetrics.MeterName} published nothing"
        : string.Create(CultureInfo.InvariantCulture,
            $"per message ({Messages:N0}, from the meters): invocation {InvocationMs:F1} ms = parse {ParseMs:F1} + commit {CommitMs:F1} " +
            $"+ projection {ProjectionMs:F1} + dispatch and waiting {Math.Max(0, InvocationMs - ParseMs - CommitMs - ProjectionMs):F1}; " +
            $"profile reads {ProfileReads:N0} ({(double)ProfileReads / Messages:P0} of messages; the rest from the cache or their organization's first)");
}
