using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Analytics;

/// <summary>
/// The analytics routes of the published app under the local Functions host, over closed days seeded into the
/// daily projection; each answer checked against the figures worked out by hand in <see cref="AnalyticsDataSet.HandComputed"/>.
/// </summary>
public sealed class AnalyticsEndToEndTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private HttpClient Analyst() => fixture.App.CreateClient().WithToken(TestTokens.Analyst());

    private async Task<JsonElement> GetAsync(string route)
    {
        using var client = Analyst();
        using var response = await client.GetAsync("/api/analytics/" + route);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Each step as "step key reached completed dropped dropOffPercent medianDurationSeconds" (numbers as JSON writes them).</summary>
    private static string[] Steps(JsonElement funnel) =>
        [.. funnel.GetProperty("steps").EnumerateArray().Select(s => string.Join(' ',
            new[] { "step", "key", "reached", "completed", "dropped", "dropOffPercent", "medianDurationSeconds" }
                .Select(name => s.GetProperty(name) is { ValueKind: JsonValueKind.String } text ? text.GetString() : s.GetProperty(name).GetRawText())))];

    [Fact]
    public async Task TheFunnelCountsEveryStepWithSkipsAtEachAndNoSampleEvents()
    {
        var set = await AnalyticsDataSet.HandComputed().SeedAsync();

        var funnel = await GetAsync("funnel?" + set.Range(0, 2));
        var firstDay = await GetAsync("funnel?" + set.Range(0, 0));

        Assert.Equal(AnalyticsDataSet.Iso(set.Day0), funnel.GetProperty("from").GetString());
        Assert.Equal(
        [
            "0 signed_up 0 0 0 0 null",
            "1 organization_profile 7 6 1 14.3 35",
            "2 first_event 6 5 1 16.7 50",
            "3 first_team 5 4 1 20 75",
            "4 invite_volunteers 4 3 1 25 50",
            "5 finish_setup 3 2 1 33.3 35",
        ], Steps(funnel));
        // Day 0 alone: A completed everything, B completed steps 1 and 2 (its drop is on day 1).
        Assert.Equal(
        [
            "0 signed_up 0 0 0 0 null",
            "1 organization_profile 2 2 0 0 45",
            "2 first_event 2 2 0 0 75",
            "3 first_team 2 1 0 0 120",
            "4 invite_volunteers 1 1 0 0 60",
            "5 finish_setup 1 1 0 0 60",
        ], Steps(firstDay));
    }

    [Fact]
    public async Task CompletionTimesOfTheWizardAndOfTheChecklist()
    {
        var set = await AnalyticsDataSet.HandComputed().SeedAsync();

        var times = await GetAsync("completion-time?" + set.Range(0, 2));

        Assert.Equal("""{"count":2,"average":60,"median":60,"p90":84,"min":30,"max":90}""", AnalyticsDataSet.Compact(times.GetProperty("wizard")));
        Assert.Equal("""{"count":2,"average":180,"median":180,"p90":276,"min":60,"max":300}""", AnalyticsDataSet.Compact(times.GetProperty("checklist")));
    }

    [Fact]
    public async Task DailyActiveOrganizationsAndEventsByType()
    {
        var set = await AnalyticsDataSet.HandComputed().SeedAsync();

        var daily = await GetAsync("daily-active?" + set.Range(0, 3));

        var days = daily.GetProperty("days").EnumerateArray().Select(AnalyticsDataSet.Compact).ToList();
        Assert.Equal(
        [
            $$$"""{"day":"{{{AnalyticsDataSet.Iso(set.Day0)}}}","activeOrganizations":2,"eventsByType":{"checklist_task_completed":7,"wizard_completed":1,"wizard_started":2,"wizard_step_completed":7},"activeUsers":0}""",
            $$$"""{"day":"{{{AnalyticsDataSet.Iso(set.Day0.AddDays(1))}}}","activeOrganizations":5,"eventsByType":{"checklist_task_completed":2,"wizard_skipped":4,"wizard_started":3,"wizard_step_completed":4},"activeUsers":0}""",
            $$$"""{"day":"{{{AnalyticsDataSet.Iso(set.Day0.AddDays(2))}}}","activeOrganizations":2,"eventsByType":{"checklist_task_completed":6,"wizard_completed":1,"wizard_skipped":1,"wizard_started":2,"wizard_step_completed":9},"activeUsers":0}""",
            $$$"""{"day":"{{{AnalyticsDataSet.Iso(set.Day0.AddDays(3))}}}","activeOrganizations":0,"eventsByType":{},"activeUsers":0}""",
        ], days);
    }

    [Fact]
    public async Task ChecklistSharesAndMedianMinutesFromWizardStart()
    {
        var set = await AnalyticsDataSet.HandComputed().SeedAsync();

        var checklist = await GetAsync("checklist?" + set.Range(0, 2));

        Assert.Equal(7, checklist.GetProperty("organizations").GetInt32());
        Assert.Equal(
        [
            """{"taskId":"complete_profile","completedOrganizations":2,"completedPercent":28.6,"medianMinutesFromWizardStart":45}""",
            """{"taskId":"create_first_event","completedOrganizations":3,"completedPercent":42.9,"medianMinutesFromWizardStart":60}""",
            """{"taskId":"add_team","completedOrganizations":2,"completedPercent":28.6,"medianMinutesFromWizardStart":90}""",
            """{"taskId":"invite_volunteers","completedOrganizations":2,"completedPercent":28.6,"medianMinutesFromWizardStart":120}""",
            """{"taskId":"run_first_schedule","completedOrganizations":2,"completedPercent":28.6,"medianMinutesFromWizardStart":150}""",
            """{"taskId":"view_reports","completedOrganizations":3,"completedPercent":42.9,"medianMinutesFromWizardStart":60}""",
        ], checklist.GetProperty("tasks").EnumerateArray().Select(AnalyticsDataSet.Compact));
    }

    [Fact]
    public async Task AnEmptyRangeIsZerosAndNulls()
    {
        var set = new AnalyticsDataSet();

        var funnel = await GetAsync("funnel?" + set.Range(0, 1));
        var times = await GetAsync("completion-time?" + set.Range(0, 1));
        var daily = await GetAsync("daily-active?" + set.Range(0, 1));
        var checklist = await GetAsync("checklist?" + set.Range(0, 1));

        Assert.All(Steps(funnel), s => Assert.Matches(@"^\d \w+ 0 0 0 0 null$", s));
        Assert.Equal("""{"count":0,"average":null,"median":null,"p90":null,"min":null,"max":null}""", AnalyticsDataSet.Compact(times.GetProperty("wizard")));
        Assert.Equal("""{"count":0,"average":null,"median":null,"p90":null,"min":null,"max":null}""", AnalyticsDataSet.Compact(times.GetProperty("checklist")));
        Assert.Equal([0, 0], daily.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("activeOrganizations").GetInt32()));
        Assert.Equal(0, checklist.GetProperty("organizations").GetInt32());
        Assert.All(checklist.GetProperty("tasks").EnumerateArray(), t => Assert.Equal(0, t.GetProperty("completedPercent").GetDouble()));
    }

    [Fact]
    public async Task OneOrganization()
    {
        var set = new AnalyticsDataSet();
        set.Journey("solo", set.At(0, 10), [100, 200], droppedAt: set.At(0, 11));
        await set.SeedAsync();

        var funnel = await GetAsync("funnel?" + set.Range(0, 0));
        var times = await GetAsync("completion-time?" + set.Range(0, 0));
        var daily = await GetAsync("daily-active?" + set.Range(0, 0));

        Assert.Equal(
        [
            "0 signed_up 0 0 0 0 null",
            "1 organization_profile 1 1 0 0 100",
            "2 first_event 1 1 0 0 200",
            "3 first_team 1 0 1 100 null",
            "4 invite_volunteers 0 0 0 0 null",
            "5 finish_setup 0 0 0 0 null",
        ], Steps(funnel));
        Assert.Equal(0, times.GetProperty("wizard").GetProperty("count").GetInt32());
        Assert.Equal(1, daily.GetProperty("days")[0].GetProperty("activeOrganizations").GetInt32());
    }

    [Fact]
    public async Task RecomputingTheSummariesGivesIdenticalAnswersAndRows()
    {
        var set = await AnalyticsDataSet.HandComputed().SeedAsync();
        string[] routes = ["funnel", "completion-time", "daily-active", "checklist"];
        var first = await Task.WhenAll(routes.Select(r => GetAsync($"{r}?{set.Range(0, 2)}")));
        var summaries = TestStorage.Tables().GetTableClient(OnboardingStorage.DailySummaryTable);
        var filter = $"PartitionKey ge '{set.Day0:yyyyMMdd}' and PartitionKey le '{set.Day0.AddDays(2):yyyyMMdd}'";
        var written = await summaries.QueryAsync<TableEntity>(filter).ToListAsync();
        Assert.Equal(3, written.Select(r => r.PartitionKey).Distinct().Count());

        foreach (var row in written)
        {
            await summaries.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }
        var again = await Task.WhenAll(routes.Select(r => GetAsync($"{r}?{set.Range(0, 2)}")));
        var rewritten = await summaries.QueryAsync<TableEntity>(filter).ToListAsync();

        Assert.Equal(first.Select(AnalyticsDataSet.Compact), again.Select(AnalyticsDataSet.Compact));
        Assert.Equal(Chunks(written), Chunks(rewritten));
    }

    private static List<string> Chunks(IEnumerable<TableEntity> rows) =>
        [.. rows.OrderBy(r => r.PartitionKey).ThenBy(r => r.RowKey).Select(r => $"{r.PartitionKey}/{r.RowKey}:" + Convert.ToBase64String(r.GetBinary("Chunk00") ?? []))];

    [Theory]
    [InlineData("funnel", "from", "to", "")]
    [InlineData("funnel", "from", null, "to=2026-01-10")]
    [InlineData("funnel", "to", null, "from=2026-01-10")]
    [InlineData("checklist", "from", "to", "from=10.01.2026&to=2026-13-01")]
    [InlineData("daily-active", "to", null, "from=2026-01-10&to=2026-01-09")]
    [InlineData("completion-time", "to", null, "from=2025-01-01&to=2026-01-02")]
    [InlineData("funnel", "from", null, "from=2026-01-10&from=2026-01-11&to=2026-01-12")]
    [InlineData("stalled", "olderThanHours", null, "olderThanHours=0")]
    [InlineData("stalled", "olderThanHours", null, "olderThanHours=two")]
    [InlineData("stalled", "olderThanHours", null, "olderThanHours=-5")]
    [InlineData("stalled", "pageSize", null, "pageSize=1000")]
    [InlineData("stalled", "continuationToken", null, "continuationToken=not-a-token")]
    [InlineData("stalled", "continuationToken", null, "continuationToken=c3RhbGxlZDphYmM")]
    public async Task BadQueriesAreValidationProblemsNamingTheField(string route, string field, string? otherField, string query)
    {
        using var client = Analyst();
        using var response = await client.GetAsync($"/api/analytics/{route}?{query}");

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(otherField is null ? 1 : 2, errors.EnumerateObject().Count());
    }

    [Fact]
    public async Task A366DayRangeIsAllowed()
    {
        var set = new AnalyticsDataSet(AnalyticsDataSet.FarDay());   // its 366 days would cover other data sets' days
        var daily = await GetAsync($"daily-active?from={AnalyticsDataSet.Iso(set.Day0)}&to={AnalyticsDataSet.Iso(set.Day0.AddDays(365))}");

        Assert.Equal(366, daily.GetProperty("days").GetArrayLength());
    }
}
