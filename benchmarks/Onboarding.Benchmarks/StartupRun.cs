using System.Diagnostics;
using System.Globalization;

namespace Onboarding.Benchmarks;

/// <summary>Start-up times of the app and of an empty worker app, each start measured alone.</summary>
public sealed record StartupResult(IReadOnlyList<TimeSpan> App, IReadOnlyList<TimeSpan> EmptyApp)
{
    public TimeSpan AppMedian => Median(App);

    public TimeSpan EmptyAppMedian => Median(EmptyApp);

    /// <summary>How many times longer the app takes to answer than an empty app under the same host.</summary>
    public double Ratio => AppMedian / EmptyAppMedian;

    /// <summary>The median of each start's ratio to the empty app's start beside it: less moved by the machine's load drifting.</summary>
    public double MedianPerStartRatio
    {
        get
        {
            var sorted = App.Zip(EmptyApp, (app, empty) => app / empty).Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }

    public static string Seconds(IEnumerable<TimeSpan> times) =>
        string.Join(", ", times.Select(t => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)));

    private static TimeSpan Median(IReadOnlyList<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>
/// Start-up through the local Functions host: the time from starting the host process until an HTTP
/// function first answers 200 through it (the host listening, the worker started, its functions
/// loaded, the request forwarded and answered), for the app (<c>GET /api/health</c>, which also
/// reads table and queue storage) against an empty isolated-worker app (<c>tests/TestWorkerApp</c>,
/// <c>GET /api/echo/…</c>). The two are started alternately, one at a time, so both see the same
/// machine; each host is stopped before the next starts.
/// </summary>
public sealed class StartupRun(BenchmarkSettings settings, QueueServiceClient queues, string runId)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public async Task<StartupResult> RunAsync(string emptyAppDirectory)
    {
        var appQueue = queues.GetQueueClient($"bench-{runId}-startup");
        var emptyQueue = queues.GetQueueClient($"bench-{runId}-startup-empty");
        // The app's health check reads its events queue's properties: a missing queue would be unhealthy.
        await appQueue.CreateIfNotExistsAsync();
        await emptyQueue.CreateIfNotExistsAsync();
        // The empty app writes a file per invocation there; under the log folder, so an interrupted run leaves nothing in /tmp.
        var observations = Directory.CreateDirectory(Path.Combine(settings.LogDirectory, $"benchmark-{runId}-observations"));
        var (app, empty) = (new List<TimeSpan>(), new List<TimeSpan>());
        try
        {
            for (var run = 1; run <= settings.StartupRuns; run++)
            {
                var (appTime, appCpu) = await TimeAsync($"startup-app-{run}", settings.AppDirectory, settings.AppSettings(appQueue.Name), "/api/health");
                var (emptyTime, emptyCpu) = await TimeAsync($"startup-empty-{run}", emptyAppDirectory, settings.EmptyAppSettings(emptyQueue.Name, observations.FullName), "/api/echo/startup");
                app.Add(appTime);
                empty.Add(emptyTime);
                // Processor time is less moved by other work on the machine than the elapsed time: it shows where a difference comes from.
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  start {run}: app {appTime.TotalSeconds:F2} s, empty app {emptyTime.TotalSeconds:F2} s; processor time until then: app host {appCpu.Host.TotalMilliseconds:F0} + worker {appCpu.Worker.TotalMilliseconds:F0} ms, empty app host {emptyCpu.Host.TotalMilliseconds:F0} + worker {emptyCpu.Worker.TotalMilliseconds:F0} ms"));
            }
        }
        finally
        {
            await appQueue.DeleteIfExistsAsync();
            await emptyQueue.DeleteIfExistsAsync();
            observations.Delete(recursive: true);
        }
        return new StartupResult(app, empty);
    }

    private async Task<(TimeSpan Elapsed, (TimeSpan Host, TimeSpan Worker) ProcessorTime)> TimeAsync(string name, string appDirectory, IReadOnlyDictionary<string, string> appSettings, string path)
    {
        var logPath = Path.Combine(settings.LogDirectory, $"benchmark-{runId}-{name}-host.log");
        await using var hosted = HostedApp.Start(settings.HostAssembly, appDirectory, appSettings, logPath);
        var ok = await hosted.WaitUntilOkAsync(path, Timeout);
        return (Stopwatch.GetElapsedTime(hosted.Launched, ok), hosted.ProcessorTime());
    }
}
