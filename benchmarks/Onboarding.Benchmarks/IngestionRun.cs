using System.Diagnostics;
using System.Globalization;
using Onboarding.Functions.Telemetry;

namespace Onboarding.Benchmarks;

/// <summary>
/// End-to-end ingestion of a workload by the real app under the local Functions host: fill a fresh
/// events queue, start the host with the app on it, and time from the first healthy answer through
/// the host until the queue is empty; then check what was stored.
/// </summary>
public sealed class IngestionRun(BenchmarkSettings settings, TableServiceClient tables, QueueServiceClient queues, string runId)
{
    /// <summary>The local Functions host's meter (<c>InvocationMetrics</c> in tools/Onboarding.LocalFunctionsHost).</summary>
    private const string HostMeterName = "Onboarding.LocalFunctionsHost";

    private static readonly TimeSpan QueuePollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StallWarning = TimeSpan.FromSeconds(60);

    /// <param name="warmup">Sent first and not timed: the worker starts cold (its code is compiled as it first runs),
    /// while the raw ceiling is the best of several runs in a warm process. Timing starts once these are done.</param>
    public async Task<PhaseResult> RunAsync(string name, string queueSuffix, EventWorkload workload, EventWorkload? warmup)
    {
        var queue = queues.GetQueueClient($"bench-{runId}-{queueSuffix}");
        var poison = queues.GetQueueClient(queue.Name + "-poison");
        await queue.CreateIfNotExistsAsync();
        await poison.CreateIfNotExistsAsync();

        if (warmup is not null)
        {
            Console.WriteLine($"  {name}: warm-up first (not timed), {warmup.MessageCount:N0} messages ({warmup.Events.Count:N0} events) of other organizations");
            await QueueFiller.FillAsync(settings.StorageConnectionString, queue.Name, warmup, settings.ProgressInterval);
        }
        Console.WriteLine($"  {name}: filling queue {queue.Name} with {workload.MessageCount:N0} messages ({workload.Events.Count:N0} events)");
        var fill = await QueueFiller.FillAsync(settings.StorageConnectionString, queue.Name, workload, settings.ProgressInterval);
        Console.WriteLine($"  {name}: queue filled in {fill.TotalSeconds:F1} s ({workload.MessageCount / fill.TotalSeconds:N0} messages/s)");

        var logPath = Path.Combine(settings.LogDirectory, $"benchmark-{runId}-{queueSuffix}-host.log");
        await using var app = HostedApp.Start(settings.HostAssembly, settings.AppDirectory, settings.AppSettings(queue.Name), logPath);
        var ready = await app.WaitUntilOkAsync("/api/health", StartupTimeout);
        Console.WriteLine($"  {name}: app healthy through the local Functions host after {Stopwatch.GetElapsedTime(app.Launched, ready).TotalSeconds:F2} s (port {app.Port}); log {logPath}");
        var start = ready;
        if (warmup is not null)
        {
            start = await WaitUntilLeftAsync(queue, app, workload.MessageCount, ready, _ => { });
            Console.WriteLine($"  {name}: warm-up done after {Stopwatch.GetElapsedTime(ready, start).TotalSeconds:F1} s; timing starts");
        }
        // The meters are read from here on: the timed part only.
        await using var workerMeters = MeterSession.Start(app.WorkerProcessId(), OnboardingMetrics.MeterName);
        await using var hostMeters = MeterSession.Start(app.HostProcessId, HostMeterName);
        var processor = ProcessorClock.Start([settings.Azurite, .. app.Processes()]);
        // Without a warm-up the host's listener starts a moment before /api/health answers: what it finished by then is not timed.
        var messagesLeftAtStart = Math.Min(workload.MessageCount, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var timedEvents = Math.Min(workload.Events.Count, (long)messagesLeftAtStart * workload.EventsPerMessage);

        var progress = new ProgressMeter(name, workload.Events.Count, settings.ProgressInterval);
        using var stopPrinting = new CancellationTokenSource();
        var printing = progress.PrintAsync(stopPrinting.Token);
        var finished = await WaitUntilLeftAsync(queue, app, 0, start,
            left => progress.Set(Math.Min(workload.Events.Count, (long)(workload.MessageCount - left) * workload.EventsPerMessage)));
        var elapsed = Stopwatch.GetElapsedTime(start, finished);
        var cpu = processor.Stop();
        await stopPrinting.CancelAsync();
        await printing;

        await Task.WhenAll(workerMeters.StopAsync(), hostMeters.StopAsync());
        var (stored, exact) = await VerifyAsync(name, workload, poison);
        Console.WriteLine($"  {name}: {TimeBreakdown.From(workerMeters, hostMeters)}");
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{workload.MessageCount:N0} msgs x {workload.EventsPerMessage}, batchSize {settings.BatchSize}/threshold {settings.EffectiveNewBatchThreshold}, +{stored.ProgressEvents:N0} progress events");
        if (timedEvents < workload.Events.Count)
        {
            detail += string.Create(CultureInfo.InvariantCulture, $", {workload.Events.Count - timedEvents:N0} stored before timing (not timed)");
        }
        var timedMessages = (timedEvents + workload.EventsPerMessage - 1) / workload.EventsPerMessage;
        Console.WriteLine($"  {name}: {cpu.PerMessage(timedMessages)}");
        return PhaseResult.Measured(name, timedEvents, elapsed, detail, progress, exact) with { Processor = (cpu, timedMessages) };
    }

    /// <summary>Reads back what was stored and prints every difference from what was sent, loudly.</summary>
    private async Task<(StoredCounts Stored, bool Exact)> VerifyAsync(string name, EventWorkload workload, QueueClient poison)
    {
        var stored = await StoredCounts.ReadAsync(tables, workload);
        var poisoned = (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var mismatches = stored.Mismatches.ToList();
        if (poisoned > 0)
        {
            mismatches.Add($"{poisoned} messages in {poison.Name}");
        }
        if (stored.Counters != workload.CountedEvents)
        {
            mismatches.Insert(0, $"counters sum to {stored.Counters:N0}, expected {workload.CountedEvents:N0}");
        }
        foreach (var mismatch in mismatches.Take(20))
        {
            Console.WriteLine($"  !! {name}: MISMATCH {mismatch}");
        }
        Console.WriteLine($"  {name}: stored {stored.Counters:N0} / {workload.CountedEvents:N0} events (counters), " +
            $"{stored.EventTypeCounts:N0} by type, {stored.SignUps:N0} / {workload.Organizations.Count:N0} sign-ups, {stored.ProgressEvents:N0} progress events, " +
            $"daily rows {stored.DailyRowsFound}/{stored.DailyRowsSampled} sampled, poison {poisoned}");
        return (stored, mismatches.Count == 0);
    }

    /// <summary>
    /// Polls the queue's approximate count, which includes messages being processed, until at most
    /// <paramref name="atMost"/> are left: a message is deleted only after its events and their projection
    /// are stored, so the messages before those are done (zero: all). Returns when that happened.
    /// </summary>
    private async Task<long> WaitUntilLeftAsync(QueueClient queue, HostedApp app, int atMost, long since, Action<int> onCount)
    {
        var (lastLeft, lastChange, warned) = (-1, since, false);
        while (true)
        {
            var left = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            var now = Stopwatch.GetTimestamp();
            if (left != lastLeft)
            {
                (lastLeft, lastChange) = (left, now);
            }
            else if (!warned && Stopwatch.GetElapsedTime(lastChange, now) > StallWarning)
            {
                warned = true;
                Console.WriteLine($"  !! no message finished for {StallWarning.TotalSeconds:F0} s: Azurite is blocked (its queue clean-up after many deletions), " +
                    "or receives that timed out left messages hidden for the host's 10-minute processing visibility");
            }
            onCount(left);
            if (left <= atMost)
            {
                return now;
            }
            if (app.HasExited)
            {
                throw new InvalidOperationException($"The local Functions host exited with {left} messages left; its output: {app.LogPath}");
            }
            if (Stopwatch.GetElapsedTime(since, now) > settings.PhaseTimeout)
            {
                throw new TimeoutException($"{left} messages still on {queue.Name} after {settings.PhaseTimeout}; the host's output: {app.LogPath}");
            }
            await Task.Delay(QueuePollInterval);
        }
    }
}
