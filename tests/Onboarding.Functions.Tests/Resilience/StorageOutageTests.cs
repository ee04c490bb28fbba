using System.Collections.Concurrent;
using System.Net;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Tests.Events;
using Onboarding.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Onboarding.Functions.Tests.Resilience;

/// <summary>
/// Every storage request of the app fails for 10 seconds while HTTP changes and queue messages keep
/// coming (the test's own storage clients keep working, as producers' would). Afterwards nothing
/// accepted is lost or doubled, every projection row is there, and the app recovered by itself.
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AfterATenSecondOutageUnderLoadEveryAcceptedChangeAndEventIsStoredOnceAndProjected()
    {
        var outage = new StorageFault(_ => true, failOnMatch: 0) { Armed = false };
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var day = clock.GetUtcNow();
        await using var app = new InProcessApp()
            .WithServices(s => s
                .AddSingleton<TimeProvider>(clock)
                .AddSingleton(TestStorage.Customize(o => o.AddPolicy(outage, HttpPipelinePosition.PerCall))));
        await app.StartedAsync();
        var httpOrgs = Enumerable.Range(0, 4).Select(_ => TestStorage.UniqueId("http")).ToList();
        var queueOrgs = Enumerable.Range(0, 3).Select(_ => TestStorage.UniqueId("queue")).ToList();
        var accepted = new ConcurrentBag<(string Org, string EventId)>();
        var refusals = new ConcurrentBag<HttpResponseMessage>();
        var sentEvents = new ConcurrentBag<(string Org, string EventId)>();
        using var stop = new CancellationTokenSource();

        var httpLoad = httpOrgs.Select(org => ChangeTutorialsUntilAsync(app, org, accepted, refusals, stop.Token)).ToList();
        var queueLoad = SendMessagesUntilAsync(app, queueOrgs, sentEvents, stop.Token);
        var ingestion = IngestUntilAsync(app, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(2));
        outage.Armed = true;
        await Task.Delay(Outage);
        outage.Armed = false;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll([.. httpLoad, queueLoad, ingestion]);
        await app.DrainAsync(TimeSpan.FromSeconds(60));
        clock.Advance(TimeSpan.FromMinutes(2));
        using var sweep = await app.RunProjectionSweepAsync();

        TestFigures.Report(output, "Storage outage", $"accepted changes' events: {accepted.Count}, refusals: {refusals.Count}, queued events: {sentEvents.Count}");
        Assert.True(outage.Fired);
        Assert.Equal(HttpStatusCode.OK, sweep.StatusCode);
        Assert.NotEmpty(refusals);
        foreach (var refused in refusals)
        {
            await refused.AssertProblemAsync(503, "storage_unavailable");
            Assert.NotNull(refused.Headers.RetryAfter);
        }
        var expected = accepted.Concat(sentEvents).ToList();
        foreach (var org in httpOrgs.Concat(queueOrgs))
        {
            var daily = (await StoredRows.ProjectedEventIdsAsync(org, TestEvents.At)).Concat(await StoredRows.ProjectedEventIdsAsync(org, day)).ToHashSet();
            var stored = (await StoredRows.EventsAsync(org)).Select(r => r.RowKey["event|".Length..]).ToHashSet();
            Assert.All(expected.Where(e => e.Org == org), e => Assert.Contains(e.EventId, stored));
            Assert.All(stored, id => Assert.Contains(id, daily));
        }
        foreach (var org in queueOrgs)
        {
            var activity = (await StoredRows.OfOrganizationAsync(org)).Single(r => r.RowKey == "profile|activity");
            Assert.Equal(sentEvents.Count(e => e.Org == org), activity.GetInt64("Counter_volunteers"));
        }
        Assert.Empty((await app.PoisonQueue().PeekMessagesAsync()).Value);
        using var afterwards = await app.ClientFor(httpOrgs[0]).GetAsync($"/api/orgs/{httpOrgs[0]}/onboarding");
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    /// <summary>Starts and skips tutorials over and over, keeping the events of every change that was accepted.</summary>
    private static async Task ChangeTutorialsUntilAsync(InProcessApp app, string org,
        ConcurrentBag<(string, string)> accepted, ConcurrentBag<HttpResponseMessage> refusals, CancellationToken stop)
    {
        using var member = app.ClientFor(org, "org_member");
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var action = n % 2 == 0 ? "start" : "skip";
            var response = await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/solver_run/{action}", null, CancellationToken.None);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                foreach (var e in (await response.ReadJsonAsync()).GetProperty("events").EnumerateArray())
                {
                    accepted.Add((org, e.GetProperty("id").GetString()!));
                }
                response.Dispose();
            }
            else
            {
                refusals.Add(response);
                n--;
                await Task.Delay(200, CancellationToken.None);
            }
        }
    }

    /// <summary>The ingestion function working the queue all along, as the host's queue listener would.</summary>
    private static async Task IngestUntilAsync(InProcessApp app, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await app.DrainAsync(TimeSpan.FromSeconds(1));
            }
            catch (TimeoutException)
            {
            }
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static async Task SendMessagesUntilAsync(InProcessApp app, IReadOnlyList<string> orgs, ConcurrentBag<(string, string)> sent, CancellationToken stop)
    {
        var queue = app.EventsQueue();
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var org = orgs[n % orgs.Count];
            var events = Enumerable.Range(0, 5).Select(_ => TestEvents.Event(org, "volunteer_added")).ToList();
            await queue.SendMessageAsync(TestEvents.Batch(events), cancellationToken: CancellationToken.None);
            foreach (var e in events)
            {
                sent.Add((org, (string)e["id"]!));
            }
            await Task.Delay(250, CancellationToken.None);
        }
    }
}
