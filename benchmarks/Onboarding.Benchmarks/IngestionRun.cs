using System.Diagnostics;
using System.Globalization;
using Onboarding.Functions.Telemetry;

namespace Onboarding.Benchmarks;

/// <summary>
/// End-to-end ingestion of a workload by the real app under the local Functions host: fill a fresh
/// events queue, start the host with the app on it, and time from the first healthy answer through
/// the host (or the end of the warm-up) until the queue is empty; then check what was stored. The same
/// messages through the same host to an empty function give the host's own rhythm.
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
        var queue = await FreshQueuesAsync(queueSuffix);
        var (app, start) = await StartAsync(name, queue, workload, warmup, queueSuffix, settings.AppDirectory, settings.AppSettings(queue.Name), "/api/health");
        await using var running = app;
        // The meters are read from here on: the timed part only.
        await using var workerMeters = MeterSession.Start(app.WorkerProcessId(), OnboardingMetrics.MeterName);
        await using var hostMeters = MeterSession.Start(app.HostProcessId, HostMeterName);
        var timed = await TimeUntilEmptyAsync(name, queue, workload, app, start, HostedApp.AppWorker);
        await Task.WhenAll(workerMeters.StopAsync(), hostMeters.StopAsync());

        var (stored, exact) = await VerifyAsync(name, workload, Poison(queue));
        Console.WriteLine($"  {name}: {TimeBreakdown.From(workerMeters, hostMeters)}");
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{workload.MessageCount:N0} msgs x {workload.EventsPerMessage}, batchSize {settings.BatchSize}/threshold {settings.EffectiveNewBatchThreshold}, +{stored.ProgressEvents:N0} progress events");
        return timed.Result(name, workload, detail, exact);
    }

    /// <summary>
    /// The host's own rhythm for the same messages: taken by the same local Functions host with the app's queue settings,
    /// and handed to the empty worker app's queue function, which does nothing with them. However fast storage is, the
    /// host polls again only 100 ms after a poll that found messages (its minimum polling interval), so no function it
    /// runs can be fed faster than this.
    /// </summary>
    public async Task<PhaseResult> RunEmptyFunctionAsync(string name, string queueSuffix, EventWorkload workload, EventWorkload? warmup, string emptyAppDirectory)
    {
        var queue = await FreshQueuesAsync(queueSuffix);
        var observations = Directory.CreateTempSubdirectory("bench-empty-queue-");
        try
        {
            var (app, start) = await StartAsync(name, queue, workload, warmup, queueSuffix, emptyAppDirectory,
                settings.EmptyAppSettings(queue.Name, observations.FullName), "/api/echo/ready");
            await using var running = app;
            var timed = await TimeUntilEmptyAsync(name, queue, workload, app, start, EmptyAppWorker);
            var poisoned = (await Poison(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;
            if (poisoned > 0)
            {
                Console.WriteLine($"  !! {name}: MISMATCH {poisoned} messages in {queue.Name}-poison");
            }
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"{workload.MessageCount:N0} msgs x {workload.EventsPerMessage} to an empty function, batchSize {settings.BatchSize}/threshold {settings.EffectiveNewBatchThreshold}");
            return timed.Result(name, workload, detail, poisoned == 0);
        }
        finally
        {
            observations.Delete(recursive: true);
        }
    }

    /// <summary>The empty app's worker assembly, which names its process.</summary>
    public const string EmptyAppWorker = "TestWorkerApp.dll";

    private async Task<QueueClient> FreshQueuesAsync(string queueSuffix)
    {
        var queue = queues.GetQueueClient($"bench-{runId}-{queueSuffix}");
        await queue.CreateIfNotExistsAsync();
        await Poison(queue).CreateIfNotExistsAsync();
        return queue;
    }

    private QueueClient Poison(QueueClient queue) => queues.GetQueueClient(queue.Name + "-poison");

    /// <summary>
    /// Fills <paramref name="queue"/> (the warm-up first), starts the host with the app on it, and returns it with the
    /// moment timing starts: once the warm-up is done, or at the first healthy answer without one.
    /// </summary>
    private async Task<(HostedApp App, long Start)> StartAsync(string name, QueueClient queue, EventWorkload workload, EventWorkload? warmup,
        string logSuffix, string appDirectory, Dictionary<string, string> appSettings, string healthPath)
    {
        if (warmup is not null)
        {
            Console.WriteLine($"  {name}: warm-up first (not timed), {warmup.MessageCount:N0} messages ({warmup.Events.Count:N0} events) of other organizations");
            await QueueFiller.FillAsync(settings.StorageConnectionString, queue.Name, warmup, settings.ProgressInterval);
        }
        Console.WriteLine($"  {name}: filling queue {queue.Name} with {workload.MessageCount:N0} messages ({workload.Events.Count:N0} events)");
        var fill = await QueueFiller.FillAsync(settings.StorageConnectionString, queue.Name, workload, settings.ProgressInterval);
        Console.WriteLine($"  {name}: queue filled in {fill.TotalSeconds:F1} s ({workload.MessageCount / fill.TotalSeconds:N0} messages/s)");

        var logPath = Path.Combine(settings.LogDirectory, $"benchmark-{runId}-{logSuffix}-host.log");
        var app = HostedApp.Start(settings.HostAssembly, appDirectory, appSettings, logPath);
        try
        {
            var ready = await app.WaitUntilOkAsync(healthPath, StartupTimeout);
            Console.WriteLine($"  {name}: healthy through the local Functions host after {Stopwatch.GetElapsedTime(app.Launched, ready).TotalSeconds:F2} s (port {app.Port}); log {logPath}");
            if (warmup is null)
            {
                return (app, ready);
            }
            var start = await WaitUntilLeftAsync(queue, app, workload.MessageCount, ready, _ => { });
            Console.WriteLine($"  {name}: warm-up done after {Stopwatch.GetElapsedTime(ready, start).TotalSeconds:F1} s; timing starts");
            return (app, start);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
    /// <summary>Times from <paramref name="start"/> until the queue is empty, printing progress, with every process's processor time.</summary>
    private async Task<TimedDrain> TimeUntilEmptyAsync(string name, QueueClient queue, EventWorkload workload, HostedApp app, long start, string workerAssembly)
    {
        // The progress lines, and with them the check for storage silences, cover the timed part from its start: an
        // Azurite sweep that blocked the first request below for 11 s once went unseen and was timed as the app's.
        var progress = new ProgressMeter(name, workload.Events.Count, settings.ProgressInterval);
        using var stopPrinting = new CancellationTokenSource();
        var printing = progress.PrintAsync(stopPrinting.Token, since: start);
        var processor = ProcessorClock.Start([settings.Azurite, .. app.Processes(workerAssembly)]);
        // Without a warm-up the host's listener starts a moment before the first healthy answer: what it finished by then is not timed.
        var messagesLeftAtStart = Math.Min(workload.MessageCount, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var timedEvents = Math.Min(workload.Events.Count, (long)messagesLeftAtStart * workload.EventsPerMessage);
        var finished = await WaitUntilLeftAsync(queue, app, 0, start,
            left => progress.Set(Math.Min(workload.Events.Count, (long)(workload.MessageCount - left) * workload.EventsPerMessage)));
        var elapsed = Stopwatch.GetElapsedTime(start, finished);
        var cpu = processor.Stop();
        await stopPrinting.CancelAsync();
        await printing;
        return new TimedDrain(timedEvents, elapsed, cpu, progress);
    }

    private sealed record TimedDrain(long TimedEvents, TimeSpan Elapsed, CpuUse Cpu, ProgressMeter Progress)
    {
        public PhaseResult Result(string name, EventWorkload workload, string detail, bool exact)
        {
            if (TimedEvents < workload.Events.Count)
            {
                detail += string.Create(CultureInfo.InvariantCulture, $", {workload.Events.Count - TimedEvents:N0} stored before timing (not timed)");
            }
            var timedMessages = (TimedEvents + workload.EventsPerMessage - 1) / workload.EventsPerMessage;
            Console.WriteLine($"  {name}: {Cpu.PerMessage(timedMessages)}");
            return PhaseResult.Measured(name, TimedEvents, Elapsed, detail, Progress, exact) with { Processor = (Cpu, timedMessages) };
        }
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
