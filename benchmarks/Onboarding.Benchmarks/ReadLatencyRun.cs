using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;

namespace Onboarding.Benchmarks;

/// <summary>Latencies of one way of reading an organization: how many requests, how many failed, the median and the 99th percentile.</summary>
public sealed record LatencyResult(string Name, int Requests, int Errors, double P50Milliseconds, double P99Milliseconds)
{
    /// <summary>The processor time each process used over the timed reads.</summary>
    public CpuUse? Processor { get; init; }

    public static LatencyResult From(string name, IReadOnlyCollection<double> milliseconds, int errors)
    {
        var sorted = milliseconds.Order().ToList();
        double At(double fraction) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Round(fraction * (sorted.Count - 1))];
        return new LatencyResult(name, sorted.Count + errors, errors, At(0.50), At(0.99));
    }
}

/// <summary>
/// The API's GET of an organization against the raw range read of the same rows, each under the same
/// concurrency; and, when an empty app is given, a GET of a function that reads nothing through the same host.
/// </summary>
public sealed record ReadLatencyResult(LatencyResult Api, LatencyResult Raw, LatencyResult? EmptyFunction, int Clients)
{
    public double P50Ratio => Api.P50Milliseconds / Raw.P50Milliseconds;

    public double P99Ratio => Api.P99Milliseconds / Raw.P99Milliseconds;
}

/// <summary>
/// <c>GET /api/orgs/{orgId}/onboarding</c> through the local Functions host and the app, with N concurrent
/// clients each reading organizations in turn (with a valid token), against the single-partition range
/// read of the same <c>profile|</c> rows by the Azure SDK with the same concurrency: what the API adds to
/// the storage read it needs (host forwarding, worker, token check, mapping, JSON). With an empty worker
/// app, a third measurement: its echo function, which touches no storage, through the same host with the
/// same clients: the cost of the host model alone, which no app code can go below. The three are timed in
/// alternating rounds, so that a machine that slows down or speeds up over the phase (it did, by a third, after
/// the start-up phase's host starts) moves all three alike.
/// </summary>
public sealed class ReadLatencyRun(BenchmarkSettings settings, TableServiceClient tables, QueueServiceClient queues, string runId)
{
    private const string Issuer = "bench";
    private const string Audience = "onboarding-api";
    private const int WarmupRounds = 10;
    private const int TimedRounds = 4;

    /// <summary>One way of reading: its name, the processes it runs in (besides this one) and one read of an organization.</summary>
    private sealed record Way(string Name, MeteredProcess[] Processes, Func<string, Task<bool>> Read);

    public async Task<ReadLatencyResult> RunAsync()
    {
        var queue = queues.GetQueueClient($"bench-{runId}-reads");
        var emptyQueue = queues.GetQueueClient($"bench-{runId}-reads-empty");
        await queue.CreateIfNotExistsAsync();
        await emptyQueue.CreateIfNotExistsAsync();
        var observations = Directory.CreateDirectory(Path.Combine(settings.LogDirectory, $"benchmark-{runId}-reads-observations"));
        var appSettings = settings.AppSettings(queue.Name);
        var signingKey = Convert.FromBase64String(appSettings["Auth__SigningKey"]["base64:".Length..]);
        try
        {
            await using var hosted = HostedApp.Start(settings.HostAssembly, settings.AppDirectory, appSettings,
                Path.Combine(settings.LogDirectory, $"benchmark-{runId}-reads-host.log"));
            await hosted.WaitUntilOkAsync("/api/health", TimeSpan.FromSeconds(60));
            using var http = ClientOf(hosted);
            var organizations = Enumerable.Range(0, settings.ReadClients).Select(i => $"bench-{runId}-read-{i}").ToList();
            var tokens = organizations.ToDictionary(org => org, org => Token(org, signingKey));
            await Task.WhenAll(organizations.Select(org => SeedAsync(http, org, tokens[org])));
            Console.WriteLine($"  seeded {organizations.Count} organizations (a wizard step, a tutorial started) through the API");

            var table = tables.GetTableClient(OnboardingStorage.OnboardingTable);
            var ways = new List<Way>
            {
                new("GET /api/orgs/{orgId}/onboarding", [settings.Azurite, .. hosted.Processes()], async org =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/orgs/{org}/onboarding");
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[org]);
                    using var response = await http.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    return response.IsSuccessStatusCode;
                }),
                new("raw range read of profile| rows", [settings.Azurite], async org =>
                {
                    var filter = TableClient.CreateQueryFilter($"PartitionKey eq {org} and RowKey ge {ProfileRows.ProfilePrefix} and RowKey lt {ProfileRows.ProfileUpperBound}");
                    var rows = 0;
                    await foreach (var _ in table.QueryAsync<TableEntity>(filter))
                    {
                        rows++;
                    }
                    return rows > 0;
                }),
            };
            await using var emptyApp = settings.EmptyAppDirectory is null ? null : HostedApp.Start(settings.HostAssembly, settings.EmptyAppDirectory,
                settings.EmptyAppSettings(emptyQueue.Name, observations.FullName), Path.Combine(settings.LogDirectory, $"benchmark-{runId}-reads-empty-host.log"));
            using var emptyHttp = emptyApp is null ? null : ClientOf(emptyApp);
            if (emptyApp is not null)
            {
                await emptyApp.WaitUntilOkAsync("/api/echo/ready", TimeSpan.FromSeconds(60));
                ways.Add(new("GET of an empty function (empty app)", [settings.Azurite, .. emptyApp.Processes(IngestionRun.EmptyAppWorker)], async org =>
                {
                    using var response = await emptyHttp!.GetAsync($"/api/echo/{org}");
                    await response.Content.ReadAsByteArrayAsync();
                    return response.IsSuccessStatusCode;
                }));
            }
            var results = await MeasureAsync(ways, organizations);
            return new ReadLatencyResult(results[0], results[1], results.Count > 2 ? results[2] : null, settings.ReadClients);
        }
        finally
        {
            await queue.DeleteIfExistsAsync();
            await emptyQueue.DeleteIfExistsAsync();
            observations.Delete(recursive: true);
        }
    }

    /// <summary>An HTTP client with a connection for each reading client, to a hosted app.</summary>
    private HttpClient ClientOf(HostedApp hosted) => new(new SocketsHttpHandler { MaxConnectionsPerServer = settings.ReadClients })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{hosted.Port}"),
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// Each way first runs its load untimed; then the ways take turns, <see cref="TimedRounds"/> rounds each, every client
    /// reading its organizations in turn <see cref="BenchmarkSettings.ReadsPerClient"/> times in all; a progress line every
    /// interval; the processor time of each way's processes and of the benchmark over its timed rounds.
    /// </summary>
    private async Task<IReadOnlyList<LatencyResult>> MeasureAsync(IReadOnlyList<Way> ways, IReadOnlyList<string> organizations)
    {
        foreach (var way in ways)
        {
            // Long enough for the processes to finish compiling: tiered compilation keeps a fresh host and worker
            // recompiling hot code for about ten seconds, which more than doubled the latencies measured after ten rounds.
            var warmupStarted = Stopwatch.GetTimestamp();
            for (var round = 0; round < WarmupRounds || Stopwatch.GetElapsedTime(warmupStarted) < settings.ReadWarmup; round++)
            {
                await Task.WhenAll(organizations.Select(way.Read));
            }
        }
        var latencies = ways.Select(_ => new ConcurrentBag<double>()).ToArray();
        var errors = new int[ways.Count];
        var processor = new CpuUse?[ways.Count];
        var total = ways.Count * settings.ReadClients * settings.ReadsPerClient;
        using var stop = new CancellationTokenSource();
        var progress = ReportProgressAsync("reads, the ways in turn", () => latencies.Sum(l => l.Count) + errors.Sum(), total, stop.Token);
        for (var round = 0; round < TimedRounds; round++)
        {
            var reads = settings.ReadsPerClient * (round + 1) / TimedRounds - settings.ReadsPerClient * round / TimedRounds;
            for (var w = 0; w < ways.Count; w++)
            {
                var way = w;
                var cpu = await TimeRoundAsync(ways[way], organizations, reads, latencies[way], () => Interlocked.Increment(ref errors[way]));
                processor[way] = processor[way] is { } sum ? sum + cpu : cpu;
            }
        }
        await stop.CancelAsync();
        await progress;
        return [.. ways.Select((way, w) =>
        {
            var result = LatencyResult.From(way.Name, latencies[w], errors[w]) with { Processor = processor[w] };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {way.Name}: {result.Requests:N0} requests, {result.Errors} errors, p50 {result.P50Milliseconds:F1} ms, p99 {result.P99Milliseconds:F1} ms; processor time per request: {result.Processor!.Figures(result.Requests)}"));
            return result;
        })];
    }

    /// <summary>
    /// One timed round of one way: every client reads <paramref name="reads"/> times; returns the processor time used. One
    /// untimed read per organization first: the way sat idle while the others ran (connections closed, pools shrunk), and
    /// its first 32 reads of each of four rounds would otherwise be 2 % of its reads, just where its 99th percentile is.
    /// </summary>
    private async Task<CpuUse> TimeRoundAsync(Way way, IReadOnlyList<string> organizations, int reads, ConcurrentBag<double> latencies, Action failed)
    {
        await Task.WhenAll(organizations.Select(way.Read));
        var processor = ProcessorClock.Start(way.Processes);
        await Task.WhenAll(Enumerable.Range(0, settings.ReadClients).Select(client => Task.Run(async () =>
        {
            for (var n = 0; n < reads; n++)
            {
                var org = organizations[(client + n) % organizations.Count];
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await way.Read(org);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Azure.RequestFailedException)
                {
                    ok = false;
                }
                if (ok)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    failed();
                }
            }
        })));
        return processor.Stop();
    }

    private async Task ReportProgressAsync(string name, Func<int> done, int total, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            while (true)
            {
                await Task.Delay(settings.ProgressInterval, stop);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  [{Stopwatch.GetElapsedTime(started).TotalSeconds,5:F0} s] {name}: {done():N0} / {total:N0}"));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task SeedAsync(HttpClient http, string org, string token)
    {
        async Task SendAsync(HttpMethod method, string path, string? json)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
        await SendAsync(HttpMethod.Put, $"/api/orgs/{org}/onboarding/wizard/steps/1", """{"organizationName":"Bench","timezone":"Europe/Paris"}""");
        await SendAsync(HttpMethod.Post, $"/api/orgs/{org}/onboarding/tutorials/events_intro/start", null);
    }

    private static string Token(string organizationId, byte[] key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Claims = new Dictionary<string, object> { ["sub"] = "bench-" + organizationId, ["org_id"] = organizationId, ["roles"] = new[] { "org_admin" } },
        Expires = DateTime.UtcNow.AddHours(2),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
    });
}
