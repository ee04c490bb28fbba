using System.Runtime.InteropServices;
using Onboarding.Benchmarks;
using Onboarding.Functions.Storage;

BenchmarkSettings settings;
try
{
    settings = BenchmarkSettings.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var runId = Guid.NewGuid().ToString("N")[..8];
var tables = new TableServiceClient(settings.StorageConnectionString);
var queues = new QueueServiceClient(settings.StorageConnectionString);
await tables.GetTableClient(OnboardingStorage.OnboardingTable).CreateIfNotExistsAsync();

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"Run {runId}: {settings.Events:N0} batched events ({settings.EventsPerMessage} per message, {settings.Organizations} organizations), " +
    $"{settings.SingleEvents:N0} single-event messages; app queues.batchSize {settings.BatchSize}, newBatchThreshold {settings.EffectiveNewBatchThreshold}; " +
    $"raw parallelism tried: {string.Join(", ", settings.RawParallelism)}");
Console.WriteLine($"Apps run by the local Functions host {settings.HostAssembly}: {settings.AppDirectory}" +
    (settings.EmptyAppDirectory is null ? "" : $", empty app {settings.EmptyAppDirectory}"));

if (settings.AnalyticsEvents > 0)
{
    Console.WriteLine();
    Console.WriteLine($"Analytics: {settings.AnalyticsEvents:N0} events over {settings.AnalyticsDays} days for {settings.AnalyticsOrganizations:N0} organizations, each endpoint called twice in process");
    await new AnalyticsRun(settings, runId).RunAsync();
    return 0;
}

if (settings.StartupOnly)
{
    Console.WriteLine();
    Console.WriteLine($"Start-up only: the app (/api/health) and an empty worker app (/api/echo), {settings.StartupRuns} times each, alternately");
    var only = await new StartupRun(settings, queues, runId).RunAsync(settings.EmptyAppDirectory!);
    Console.WriteLine(FormattableString.Invariant(
        $"Start-up medians: app {only.AppMedian.TotalSeconds:F3} s, empty app {only.EmptyAppMedian.TotalSeconds:F3} s, ratio {only.Ratio:F2}x; median per-start ratio {only.MedianPerStartRatio:F2}x"));
    return 0;
}

StorageHeartbeat.Start(tables);
var now = TimeProvider.System.GetUtcNow();
var batchedWork = EventWorkload.Create("batched ingestion", $"bench-{runId}-b", settings.Events, settings.EventsPerMessage, settings.Organizations, now);
var singleWork = settings.SingleEvents > 0
    ? EventWorkload.Create("single-event ingestion", $"bench-{runId}-s", settings.SingleEvents, 1, settings.Organizations, now)
    : null;
// Warm-ups: other organizations' events of the same shape, sent first and not timed.
var batchedWarmup = Warmup(batchedWork, $"bench-{runId}-bw");
var singleWarmup = singleWork is null ? null : Warmup(singleWork, $"bench-{runId}-sw");

var raw = new RawCeiling(tables, runId, settings.ProgressInterval, settings.Azurite);
var ingestion = new IngestionRun(settings, tables, queues, runId);

// Start-up first, while Azurite is nearly empty. Then single events: Azurite answers every table
// query by scanning the whole table, so after the batched phase the app's profile read per message
// would scan its 100,000 rows too. The raw phases write into tables of their own and drop them.
StartupResult? startup = null;
if (settings.EmptyAppDirectory is not null && settings.StartupRuns > 0)
{
    Console.WriteLine();
    Console.WriteLine($"1. Start-up: host process started -> first 200 of an HTTP function through it, the app (/api/health) and an empty worker app (/api/echo), {settings.StartupRuns} times each, alternately");
    startup = await new StartupRun(settings, queues, runId).RunAsync(settings.EmptyAppDirectory);
}

ReadLatencyResult? reads = null;
if (settings.ReadsPerClient > 0)
{
    Console.WriteLine();
    Console.WriteLine($"2. Read latency: GET /api/orgs/{{orgId}}/onboarding through the local Functions host vs the raw range read of the same rows, {settings.ReadClients} concurrent clients x {settings.ReadsPerClient}");
    reads = await new ReadLatencyRun(settings, tables, queues, runId).RunAsync();
}

// Each raw ceiling drains its queue before it writes rows: Azurite sweeps the bodies of deleted messages about
// once a minute and, after a thousand deletions or more, blocks for seconds doing it. Right after a drain that
// sweep would land in the ingestion phase; this way the raw row writes (the best of several runs) absorb it.
var drainer = new RawQueueDrain(queues, runId, settings);
PhaseResult? rawSingle = null, drain = null, singleRhythm = null, singleCeiling = null, single = null;
if (singleWork is not null)
{
    Console.WriteLine();
    Console.WriteLine("3. Raw ceiling for single events: the queue work alone; and the rows single-event ingestion writes, one message at a time (the event, any progress it makes, activity and state rows; then its daily rows)");
    drain = await DrainAsync("raw queue drain, 1 event/msg", singleWork);
    rawSingle = await BestOfAsync(settings.RawParallelism, p => raw.RunAsync("raw, 1 event/msg", singleWork, singleWarmup, p));
    singleCeiling = PhaseResult.Sequential("raw 1/msg (1/txn + drain)", rawSingle, drain);

    Console.WriteLine();
    Console.WriteLine("4. Single-event ingestion: one event per message, end to end through the local Functions host and the app");
    single = await ingestion.RunAsync(singleWork.Name, "single", singleWork, singleWarmup);
}

Console.WriteLine();
Console.WriteLine($"5. Raw ceiling: the queue work alone (the messages taken and deleted as the host does, no function in between); and the rows batched ingestion writes, {settings.EventsPerMessage} events a message: its organization transaction(s) (events, the progress they make, activity and state rows), then its daily rows");
var batchedDrain = await DrainAsync($"raw queue drain, {settings.EventsPerMessage} events/msg", batchedWork);
var rawBatched = await BestOfAsync(settings.RawParallelism, p =>
    raw.RunAsync($"raw ceiling, {settings.EventsPerMessage} events/msg", batchedWork, batchedWarmup, p));
var batchedCeiling = PhaseResult.Sequential($"raw {settings.EventsPerMessage}/msg (txns + drain)", rawBatched, batchedDrain);

Console.WriteLine();
Console.WriteLine($"6. Batched ingestion: {settings.EventsPerMessage} events of one organization per message, end to end through the local Functions host and the app");
var batched = await ingestion.RunAsync(batchedWork.Name, "batched", batchedWork, batchedWarmup);

// Last, as each takes as many messages as its ingestion phase: Azurite's sweep of them would otherwise land in the next phase.
Console.WriteLine();
Console.WriteLine("7. The host's rhythm: each ingestion phase's messages (and warm-up) through the same host, with the same queue settings, to the empty app's queue function, which does nothing with them");
var batchedRhythm = await HostRhythmAsync($"host's rhythm, {settings.EventsPerMessage} events/msg", "batched-empty", batchedWork, batchedWarmup);
if (singleWork is not null)
{
    singleRhythm = await HostRhythmAsync("host's rhythm, 1 event/msg", "single-empty", singleWork, singleWarmup);
}

ResultsTable.Print(new(rawBatched, batchedDrain, batchedCeiling, batchedRhythm), batched, new(rawSingle, drain, singleCeiling, singleRhythm), single, startup, reads);
return batched.Exact && (single?.Exact ?? true) && (batchedRhythm?.Exact ?? true) && (singleRhythm?.Exact ?? true)
    && (reads is null || reads.Api.Errors + reads.Raw.Errors + (reads.EmptyFunction?.Errors ?? 0) == 0) ? 0 : 1;

EventWorkload? Warmup(EventWorkload work, string prefix)
{
    var events = (int)((long)work.Events.Count * settings.WarmupPercent / 100);
    return events == 0 ? null : EventWorkload.Create(work.Name + " warm-up", prefix, events, work.EventsPerMessage, settings.Organizations, now);
}

async Task<PhaseResult> DrainAsync(string name, EventWorkload work)
{
    var result = await drainer.RunAsync(name, work);
    Console.WriteLine($"  {name}: {work.MessageCount / result.Elapsed.TotalSeconds:N0} messages/s in {result.Elapsed.TotalSeconds:F1} s");
    return result;
}

// The same messages through the same host to the empty app's queue function: the host's own rhythm (skipped without an empty app).
async Task<PhaseResult?> HostRhythmAsync(string name, string queueSuffix, EventWorkload work, EventWorkload? warmup)
{
    if (settings.EmptyAppDirectory is null)
    {
        return null;
    }
    var result = await ingestion.RunEmptyFunctionAsync(name, queueSuffix, work, warmup, settings.EmptyAppDirectory);
    Console.WriteLine($"  {name}: {result.EventsPerSecond:N0} events/s in {result.Elapsed.TotalSeconds:F1} s");
    return result;
}

async Task<PhaseResult> BestOfAsync(IReadOnlyList<int> parallelism, Func<int, Task<PhaseResult>> run)
{
    PhaseResult? best = null;
    foreach (var p in parallelism)
    {
        var result = await run(p);
        Console.WriteLine($"  {result.Name}: {result.EventsPerSecond:N0} events/s in {result.Elapsed.TotalSeconds:F1} s ({result.Detail})");
        if (best is null || result.EventsPerSecond > best.EventsPerSecond)
        {
            best = result;
        }
    }
    return best!;
}
