using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Domain.Analytics;
using Onboarding.Domain.Events;
using Onboarding.Functions.Analytics;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Analytics;

/// <summary>The analytics on a clock the test sets (today, the roll-up's window) and with storage requests counted.</summary>
public sealed class AnalyticsInProcessTests
{
    private static InProcessApp App(ManualClock clock, RequestRecorder? recorder = null)
    {
        var app = new InProcessApp().WithServices(s => s.AddSingleton<TimeProvider>(clock));
        return recorder is null ? app : app.WithServices(s => s.AddSingleton(TestStorage.Customize(o => o.AddPolicy(recorder, HttpPipelinePosition.PerRetry))));
    }

    private static async Task<JsonElement> GetAsync(InProcessApp app, string route)
    {
        using var client = app.CreateClient().WithToken(TestTokens.Analyst());
        using var response = await client.GetAsync("/api/analytics/" + route);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{route}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<List<TableEntity>> SummaryRowsAsync(DateOnly from, DateOnly to) =>
        await TestStorage.Tables().GetTableClient(OnboardingStorage.DailySummaryTable)
            .QueryAsync<TableEntity>($"PartitionKey ge '{from:yyyyMMdd}' and PartitionKey le '{to:yyyyMMdd}'").ToListAsync();

    private static int[] Active(JsonElement daily) => [.. daily.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("activeOrganizations").GetInt32())];

    [Fact]
    public async Task TodayIsComputedLiveAndSummarisedOnlyOnceItIsClosed()
    {
        var set = await AnalyticsDataSet.HandComputed().SeedAsync();
        var clock = new ManualClock(set.At(1, 18));
        await using var app = App(clock);

        var whileDay1IsToday = await GetAsync(app, "daily-active?" + set.Range(0, 2));
        var summarisedThen = (await SummaryRowsAsync(set.Day0, set.Day0.AddDays(2))).Select(r => r.PartitionKey).Distinct();
        // A late event of today still counts: today is read live.
        await new AnalyticsDataSet(set.Day0).Add("late", OnboardingEventTypes.ViewReports, set.At(1, 17)).SeedAsync();
        var withTheLateEvent = await GetAsync(app, "daily-active?" + set.Range(0, 2));
        clock.Advance(TimeSpan.FromDays(2));
        var closed = await GetAsync(app, "daily-active?" + set.Range(0, 2));
        var summarisedNow = (await SummaryRowsAsync(set.Day0, set.Day0.AddDays(2))).Select(r => r.PartitionKey).Distinct();

        Assert.Equal([2, 5, 2], Active(whileDay1IsToday));
        Assert.Equal([$"{set.Day0:yyyyMMdd}"], summarisedThen);
        Assert.Equal([2, 6, 2], Active(withTheLateEvent));
        Assert.Equal([2, 6, 2], Active(closed));
        Assert.Equal(3, summarisedNow.Count());
    }

    [Fact]
    public async Task TheRollUpRewritesItsWindowIdenticallyAndFoldsInLateEvents()
    {
        var set = await AnalyticsDataSet.HandComputed().SeedAsync();
        var clock = new ManualClock(set.At(3, 0, 15));
        await using var app = App(clock);

        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.RunTimerAsync(nameof(RollUpAnalytics))).StatusCode);
        var first = await SummaryRowsAsync(set.Day0, set.Day0.AddDays(2));
        var funnel = await GetAsync(app, "funnel?" + set.Range(0, 2));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.RunTimerAsync(nameof(RollUpAnalytics))).StatusCode);
        var again = await SummaryRowsAsync(set.Day0, set.Day0.AddDays(2));
        await new AnalyticsDataSet(set.Day0).Add("late", "team_created", set.At(1, 23)).SeedAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.RunTimerAsync(nameof(RollUpAnalytics))).StatusCode);
        var daily = await GetAsync(app, "daily-active?" + set.Range(0, 2));

        Assert.Equal(3, first.Select(r => r.PartitionKey).Distinct().Count());
        Assert.Equal(Content(first), Content(again));
        Assert.Equal("0 7 6 5 4 3", string.Join(' ', funnel.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("reached").GetInt32())));
        Assert.Equal([2, 6, 2], Active(daily));
        var store = app.Services.GetRequiredService<AnalyticsStore>();
        var recomputed = await store.RollUpAsync(set.Day0, CancellationToken.None);
        Assert.Equal((await store.SummariesAsync(set.Day0, set.Day0, CancellationToken.None))[set.Day0].ToBytes(), recomputed.ToBytes());
    }

    [Fact]
    public async Task ASummaryOverManyRowsReadsBackWholeAndATornOneIsComputedAgain()
    {
        var day = AnalyticsDataSet.FarDay();
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        await using var app = App(new ManualClock(at.AddDays(5)));
        await app.StartedAsync();
        var store = app.Services.GetRequiredService<AnalyticsStore>();
        // Random organization ids hardly compress: about 3 MB, four rows in three transactions.
        var big = AnalyticsTally.Of(Enumerable.Range(0, 60_000).Select(i =>
            new OnboardingEvent($"e{i}", Guid.NewGuid().ToString("N"), OnboardingEventTypes.WizardStarted, at)));
        var small = AnalyticsTally.Of([new OnboardingEvent("e", "one-org", "team_created", at)]);

        await store.WriteSummaryAsync(day, big, CancellationToken.None);
        var rows = await SummaryRowsAsync(day, day);
        var readBig = (await store.SummariesAsync(day, day, CancellationToken.None))[day];
        await store.WriteSummaryAsync(day, small, CancellationToken.None);
        var readSmall = (await store.SummariesAsync(day, day, CancellationToken.None))[day];
        await store.WriteSummaryAsync(day, big, CancellationToken.None);
        var summaries = TestStorage.Tables().GetTableClient(OnboardingStorage.DailySummaryTable);
        var torn = rows.Single(r => r.RowKey == "part|001");
        torn["Generation"] = "another write";
        await summaries.UpsertEntityAsync(torn, TableUpdateMode.Merge);
        var afterTear = await store.SummariesAsync(day, day, CancellationToken.None);
        var recomputed = await store.ReadAsync(day, day, CancellationToken.None);

        Assert.True(rows.Count >= 3, $"{rows.Count} rows");
        Assert.Equal(big.ToBytes(), readBig.ToBytes());
        Assert.Equal(small.ToBytes(), readSmall.ToBytes());
        Assert.Empty(afterTear);
        Assert.Equal(new AnalyticsTally().ToBytes(), recomputed.ToBytes());   // no events that day: the day computed from its shards
        Assert.Single(await SummaryRowsAsync(day, day), r => r.RowKey == "part|000" && r.GetInt32("Parts") == 1);
    }

    [Fact]
    public async Task RecomputingDaysAfterAnOrganizationsEventsAreDeletedForgetsIt()
    {
        var set = await AnalyticsDataSet.HandComputed().SeedAsync();
        await using var app = App(new ManualClock(set.At(5, 12)));
        var before = await GetAsync(app, "funnel?" + set.Range(0, 2));
        var daily = TestStorage.Tables().GetTableClient(OnboardingStorage.DailyTable);
        var erased = set.Events.Where(e => e.OrganizationId == set.Org("A")).ToList();
        foreach (var row in erased.Select(e => Onboarding.Functions.Organizations.EventEntityMapper.ToDailyRow(e, TestPseudonyms.Instance)))
        {
            await daily.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        await app.Services.GetRequiredService<AnalyticsStore>()
            .RecomputeAsync(erased.Select(e => DateOnly.FromDateTime(e.Timestamp.UtcDateTime)), CancellationToken.None);
        var after = await GetAsync(app, "funnel?" + set.Range(0, 2));
        var summaries = await app.Services.GetRequiredService<AnalyticsStore>().SummariesAsync(set.Day0, set.Day0.AddDays(2), CancellationToken.None);

        Assert.Equal(7, before.GetProperty("steps")[1].GetProperty("reached").GetInt32());
        Assert.Equal(6, after.GetProperty("steps")[1].GetProperty("reached").GetInt32());
        Assert.All(summaries.Values, s => Assert.DoesNotContain(TestPseudonyms.Organization(set.Org("A")), System.Text.Json.JsonSerializer.Serialize(s.ToData())));
    }

    private static List<string> Content(IEnumerable<TableEntity> rows) =>
        [.. rows.OrderBy(r => r.PartitionKey).ThenBy(r => r.RowKey).Select(r => $"{r.PartitionKey}/{r.RowKey}/{r.GetInt32("Parts")}:" + Convert.ToBase64String(r.GetBinary("Chunk00") ?? []))];

    [Fact]
    public async Task ANinetyDayFunnelCostsTheSameFewRequestsWhateverTheEventCount()
    {
        var few = await FunnelRequestsAsync(organizationsPerDay: 1);
        var many = await FunnelRequestsAsync(organizationsPerDay: 60);

        Assert.Equal(few.Summaries, many.Summaries);
        Assert.Equal(few.Shards, many.Shards);
        Assert.Equal(1, many.Summaries);   // one range query over the 89 closed days' summary rows (one page on Azurite)
        Assert.Equal(1, many.Shards);      // today, live: one range query over its 16 shards
        Assert.Equal(2, many.Total);       // nothing else
        Assert.True(many.Events > 30 * few.Events, $"{many.Events} vs {few.Events} events");
    }

    /// <summary>
    /// 89 closed days with summaries (each from <paramref name="organizationsPerDay"/> organizations running the wizard)
    /// and today with a few events in its shards; the requests one 90-day funnel read sends.
    /// </summary>
    private static async Task<(int Summaries, int Shards, int Total, int Events)> FunnelRequestsAsync(int organizationsPerDay)
    {
        var set = new AnalyticsDataSet(AnalyticsDataSet.FarDay());
        var recorder = new RequestRecorder();
        await using var app = App(new ManualClock(set.At(89, 12)), recorder);
        await app.StartedAsync();
        var store = app.Services.GetRequiredService<AnalyticsStore>();
        var events = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 89), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (day, token) =>
        {
            var daySet = new AnalyticsDataSet(set.Day0);
            for (var org = 0; org < organizationsPerDay; org++)
            {
                daySet.Journey($"o{org}", daySet.At(day, 9, org % 60), [30, 40, 50], droppedAt: daySet.At(day, 11));
            }
            Interlocked.Add(ref events, daySet.Events.Count);
            await store.WriteSummaryAsync(set.Day0.AddDays(day), AnalyticsTally.Of(daySet.Events), token);
        });
        set.Journey("today", set.At(89, 9), [30]);
        await set.SeedAsync();
        // The catalog's current version is read once per cache period, not per request: read before counting.
        await app.Services.GetRequiredService<Onboarding.Functions.Catalog.CatalogVersions>().GetAsync(CancellationToken.None);
        recorder.Clear();

        var funnel = await GetAsync(app, "funnel?" + set.Range(0, 89));

        Assert.Equal(89 * organizationsPerDay + 1, funnel.GetProperty("steps")[1].GetProperty("reached").GetInt32());
        var requests = recorder.Requests.ToList();
        return (requests.Count(r => r.Uri.AbsolutePath.Contains(OnboardingStorage.DailySummaryTable, StringComparison.Ordinal)),
            requests.Count(r => r.Uri.AbsolutePath.Contains(OnboardingStorage.DailyTable + "()", StringComparison.Ordinal)),
            requests.Count, events);
    }
}
