using System.Diagnostics.Metrics;

namespace Onboarding.Functions.Telemetry;

/// <summary>
/// The app's own measurements, as <see cref="System.Diagnostics.Metrics"/> instruments of the meter
/// <c>Onboarding.Functions</c>: exported to Application Insights when it is configured (<see cref="TelemetrySetup"/>) and
/// readable from outside the process like any .NET meter (<c>dotnet-counters</c>; the benchmark listens the same way).
/// </summary>
public sealed class OnboardingMetrics
{
    public const string MeterName = "Onboarding.Functions";

    private readonly Counter<long> events;
    private readonly Counter<long> commitRetries;
    private readonly Counter<long> profileCache;
    private readonly Histogram<double> projectionLag;
    private readonly Histogram<double> ingestionPhase;

    public OnboardingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        events = meter.CreateCounter<long>("onboarding.events.ingested", "{event}",
            "Events of queue messages by outcome: stored, duplicate (already stored), rejected, progress (made by the stored ones).");
        commitRetries = meter.CreateCounter<long>("onboarding.commit.retries", "{retry}",
            "Organization commits decided again over a fresh read, by reason: concurrent_change or already_stored.");
        profileCache = meter.CreateCounter<long>("onboarding.profile_cache.lookups", "{lookup}",
            "Ingestion's look-ups of an organization's profile rows in the cache, by result: hit or miss (read from the table).");
        projectionLag = meter.CreateHistogram<double>("onboarding.projection.lag", "ms",
            "From a change's plan to its events in the daily projection, by path: immediate or sweep.");
        ingestionPhase = meter.CreateHistogram<double>("onboarding.ingestion.duration", "ms",
            "Where a queue message's time went, by phase: parse, commit (profile reads when not cached, deciding, transactions) and projection.");
    }

    public void EventsIngested(string outcome, int count)
    {
        if (count > 0)
        {
            events.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public void CommitRetried(string reason) => commitRetries.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary><paramref name="result"/>: hit, miss (a read follows) or new (an organization's first message: no read).</summary>
    public void ProfileCacheLookedUp(string result) => profileCache.Add(1, new KeyValuePair<string, object?>("result", result));

    public void Projected(string path, TimeSpan lag) => projectionLag.Record(lag.TotalMilliseconds, new KeyValuePair<string, object?>("path", path));

    public void IngestionPhase(string phase, TimeSpan time) => ingestionPhase.Record(time.TotalMilliseconds, new KeyValuePair<string, object?>("phase", phase));
}
