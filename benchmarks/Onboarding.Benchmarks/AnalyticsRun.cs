using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Domain.Events;
using Onboarding.Functions;
using Onboarding.Functions.Analytics;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;

namespace Onboarding.Benchmarks;

/// <summary>
/// The analytics endpoints over a large history: seeds N events (default 1,000,000) over D days (90) for O
/// organizations (5,000) straight into the daily projection, then calls each endpoint for the whole range
/// twice, in process on the app's own services with a request-counting storage policy: the first call
/// summarises every closed day it has not seen (once), the second reads the summaries. Prints latency and
/// storage requests per call.
/// </summary>
public sealed class AnalyticsRun(BenchmarkSettings settings, string runId)
{
    private static readonly string[] ActivityTypes = ["volunteer_added", "event_created", "team_created", "assignment_created", "view_reports"];
    private static readonly string[] Tasks = ["add_team", "add_volunteers", "create_event", "assign_volunteers", "view_reports", "watch_intro"];

    public async Task RunAsync()
    {
        var counter = new RequestCounter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = settings.StorageConnectionString,
            ["Auth:Issuer"] = "bench",
            ["Auth:SigningKey"] = "bench-analytics-signing-key-of-more-than-32-bytes",
            [Onboarding.Functions.Storage.EventsQueue.Setting] = $"bench-{runId}-analytics",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddOnboardingFunctions()
            .AddSingleton(new StorageClientCustomization(o => o.AddPolicy(counter, HttpPipelinePosition.PerRetry)))
            .BuildServiceProvider();
        var tables = services.GetRequiredService<TableServiceClient>();
        foreach (var table in OnboardingStorage.Tables)
        {
            await tables.GetTableClient(table).CreateIfNotExistsAsync();
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = today.AddDays(-settings.AnalyticsDays + 1);
        await SeedAsync(tables.GetTableClient(OnboardingStorage.DailyTable), from);

        var functions = ActivatorUtilities.CreateInstance<AnalyticsFunctions>(services);
        var range = $"?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        var calls = new (string Name, Func<HttpRequest, Task<IResult>> Call)[]
        {
            ("funnel", async r => await functions.Funnel(r, CancellationToken.None)),
            ("completion-time", async r => await functions.CompletionTime(r, CancellationToken.None)),
            ("daily-active", async r => await functions.DailyActive(r, CancellationToken.None)),
            ("checklist", async r => await functions.Checklist(r, CancellationToken.None)),
        };
        Console.WriteLine($"{"endpoint (" + settings.AnalyticsDays + " days)",-34} {"call",5} {"status",6} {"ms",9} {"storage requests",17} {"bytes",9}");
        foreach (var round in new[] { "first", "second" })
        {
            foreach (var (name, call) in calls)
            {
                await TimeAsync(services, counter, name, round, range, call);
            }
        }
        await TimeAsync(services, counter, "stalled", "first", "?olderThanHours=48", async r => await functions.Stalled(r, CancellationToken.None));
    }

    private static async Task TimeAsync(IServiceProvider services, RequestCounter counter, string name, string round, string query, Func<HttpRequest, Task<IResult>> call)
    {
        using var scope = services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = "GET";
        http.Request.QueryString = new QueryString(query);
        http.Response.Body = new MemoryStream();
        var before = counter.Count;
        var started = Stopwatch.GetTimestamp();
        await (await call(http.Request)).ExecuteAsync(http);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"GET /api/analytics/" + name,-34} {round,5} {http.Response.StatusCode,6} {elapsed.TotalMilliseconds,9:F0} {counter.Count - before,17:N0} {http.Response.Body.Length,9:N0}"));
    }

    /// <summary>Each organization's journey: start, steps, then completion or a skip, tasks, and activity to make up its share of events.</summary>
    private async Task SeedAsync(TableClient daily, DateOnly from)
    {
        var random = new Random(42);
        var perOrganization = Math.Max(12, settings.AnalyticsEvents / settings.AnalyticsOrganizations);
        var rows = new List<TableEntity>(settings.AnalyticsEvents);
        for (var o = 0; o < settings.AnalyticsOrganizations && rows.Count < settings.AnalyticsEvents; o++)
        {
            var org = $"bench-{runId}-a{o}";
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddMinutes(random.Next(settings.AnalyticsDays * 24 * 60 - 24 * 60));
            var at = new DateTimeOffset(start, TimeSpan.Zero);
            var events = new List<OnboardingEvent> { new(Guid.NewGuid().ToString("N"), org, OnboardingEventTypes.WizardStarted, at) };
            var reached = random.Next(1, 6);
            for (var step = 1; step <= reached; step++)
            {
                at = at.AddMinutes(random.Next(1, 30));
                events.Add(new(Guid.NewGuid().ToString("N"), org, OnboardingEventTypes.WizardStepCompleted, at, WizardStepReached: step, StepDurationSeconds: random.Next(10, 900)));
            }
            events.Add(reached == 5
                ? new(Guid.NewGuid().ToString("N"), org, OnboardingEventTypes.WizardCompleted, at, CompletionTimeMinutes: (at - new DateTimeOffset(start, TimeSpan.Zero)).TotalMinutes)
                : new(Guid.NewGuid().ToString("N"), org, OnboardingEventTypes.WizardSkipped, at, WizardStepDropped: reached + 1));
            foreach (var task in Tasks.Where(_ => random.Next(2) == 0))
            {
                at = at.AddMinutes(random.Next(5, 600));
                events.Add(new(Guid.NewGuid().ToString("N"), org, OnboardingEventTypes.ChecklistTaskCompleted, at, Data: new JsonObject { ["taskId"] = task }));
            }
            var end = new DateTimeOffset(DateTime.UtcNow, TimeSpan.Zero);
            while (events.Count < perOrganization)
            {
                var when = at.AddMinutes(random.Next(0, (int)Math.Max(1, (end - at).TotalMinutes)));
                events.Add(new(Guid.NewGuid().ToString("N"), org, ActivityTypes[random.Next(ActivityTypes.Length)], when, IsSample: random.Next(20) == 0));
            }
            rows.AddRange(events.Where(e => e.Timestamp <= end).Select(EventEntityMapper.ToDailyRow));
        }

        Console.WriteLine($"  seeding {rows.Count:N0} daily rows of {settings.AnalyticsOrganizations:N0} organizations over {settings.AnalyticsDays} days");
        var batches = rows.GroupBy(r => r.PartitionKey).SelectMany(p => p.Chunk(OnboardingStorage.MaxTransactionActions)).ToList();
        var written = 0;
        var started = Stopwatch.GetTimestamp();
        var nextReport = settings.ProgressInterval;
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (batch, token) =>
        {
            await daily.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), token);
            var done = Interlocked.Add(ref written, batch.Length);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed >= nextReport)
            {
                nextReport = elapsed + settings.ProgressInterval;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{elapsed.TotalSeconds,5:F0} s] {done:N0} / {rows.Count:N0} rows"));
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s"));
    }

    /// <summary>Counts every request the app's storage clients send.</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref count);
    }
}
