using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Onboarding.Benchmarks;

/// <summary>The totals of one instrument's series (its tags as the runtime writes them, e.g. <c>phase=parse</c>) over a session.</summary>
public sealed record MeterTotals(double Sum, long Count);

/// <summary>
/// Reads the <see cref="System.Diagnostics.Metrics"/> meters of another .NET process as <c>dotnet-counters</c> does: an
/// EventPipe session with the runtime's <c>System.Diagnostics.Metrics</c> event source, which publishes each
/// instrument's values every refresh interval (a counter's increase, a histogram's count and sum). The totals add those
/// up from the start of the session until it is stopped.
/// </summary>
public sealed class MeterSession : IAsyncDisposable
{
    private const string MetricsEventSource = "System.Diagnostics.Metrics";
    private const long TimeSeriesValues = 0x2;
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly EventPipeSession session;
    private readonly Task processing;
    private readonly string sessionId = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<(string Instrument, string Tags), MeterTotals> totals = new();

    private MeterSession(int processId, IEnumerable<string> meters)
    {
        var arguments = new Dictionary<string, string>
        {
            ["SessionId"] = sessionId,
            ["Metrics"] = string.Join(',', meters),
            ["RefreshInterval"] = RefreshInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["MaxTimeSeries"] = "1000",
            ["MaxHistograms"] = "100",
        };
        session = new DiagnosticsClient(processId).StartEventPipeSession(
            [new EventPipeProvider(MetricsEventSource, EventLevel.Informational, TimeSeriesValues, arguments)], requestRundown: false);
        var source = new EventPipeEventSource(session.EventStream);
        source.Dynamic.All += Record;
        processing = Task.Run(source.Process);
    }

    /// <summary>Starts listening to <paramref name="meters"/> of process <paramref name="processId"/>.</summary>
    public static MeterSession Start(int processId, params string[] meters) => new(processId, meters);

    /// <summary>The totals so far, by instrument and tags.</summary>
    public IReadOnlyDictionary<(string Instrument, string Tags), MeterTotals> Totals => totals;

    /// <summary>Waits for the values of the last interval to be published, then ends the session.</summary>
    public async Task StopAsync()
    {
        await Task.Delay(RefreshInterval * 2.5);
        await session.StopAsync(CancellationToken.None);
        await processing;
    }

    public async ValueTask DisposeAsync()
    {
        session.Dispose();
        await processing.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private void Record(TraceEvent e)
    {
        if (e.ProviderName != MetricsEventSource || (string)e.PayloadByName("sessionId") != sessionId)
        {
            return;
        }
        var key = ((string)e.PayloadByName("instrumentName"), (string)e.PayloadByName("tags"));
        var (sum, count) = e.EventName switch
        {
            "CounterRateValuePublished" => (double.Parse((string)e.PayloadByName("rate"), CultureInfo.InvariantCulture), 0L),
            "HistogramValuePublished" => (Convert.ToDouble(e.PayloadByName("sum"), CultureInfo.InvariantCulture), Convert.ToInt64(e.PayloadByName("count"), CultureInfo.InvariantCulture)),
            _ => (double.NaN, 0L),
        };
        if (!double.IsNaN(sum))
        {
            totals.AddOrUpdate(key, new MeterTotals(sum, count), (_, before) => new MeterTotals(before.Sum + sum, before.Count + count));
        }
    }
}
