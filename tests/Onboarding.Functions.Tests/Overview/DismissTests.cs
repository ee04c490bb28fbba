using System.Text.Json;
using Azure.Data.Tables;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Analytics;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Overview;

/// <summary>Dismissing an organization's onboarding and taking it back, on a clock of a day no other test uses and an index table of its own.</summary>
public sealed class DismissTests
{
    private readonly ClockedAnalyticsApp setup = new();

    private ManualClock clock => setup.Clock;

    private string indexTable => setup.IndexTable;

    private Task<InProcessApp> NewAppAsync() => setup.StartAsync();

    private static Task<JsonElement> AnalystGetAsync(InProcessApp app, string route) => ClockedAnalyticsApp.AnalystGetAsync(app, route);

    private static string[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("organizationId").GetString()!)];

    [Fact]
    public async Task ADismissedOnboardingLeavesTheStalledListIsCountedInTheFunnelAndComesBackWhenTheDismissalIsUndone()
    {
        await using var app = await NewAppAsync();
        var org = TestStorage.UniqueId("dismiss");
        using var client = app.ClientFor(org);
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        (await client.PostAsync($"/api/orgs/{org}/onboarding/wizard/start", null)).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromHours(49));
        var before = Ids(await AnalystGetAsync(app, "stalled?stage=wizard"));

        using var dismissed = await client.PostAsync($"/api/orgs/{org}/onboarding/dismiss", null);
        var dismissedBody = await dismissed.ReadJsonAsync();
        using var again = await client.PostAsync($"/api/orgs/{org}/onboarding/dismiss", null);
        var whileDismissed = Ids(await AnalystGetAsync(app, "stalled?stage=wizard"));
        var indexRows = await TestStorage.Tables().GetTableClient(indexTable)
            .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"OrganizationId eq {org}")).ToListAsync();
        var events = await TestStorage.Tables().GetTableClient(OnboardingStorage.OnboardingTable)
            .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {org} and Type eq 'onboarding_dismissed'")).ToListAsync();
        var funnel = await AnalystGetAsync(app, $"funnel?from={day:yyyy-MM-dd}&to={day.AddDays(3):yyyy-MM-dd}");
        using var undone = await client.DeleteAsync($"/api/orgs/{org}/onboarding/dismiss");
        var undoneBody = await undone.ReadJsonAsync();
        var after = Ids(await AnalystGetAsync(app, "stalled?stage=wizard"));

        Assert.Equal([org], before);
        Assert.Equal(System.Net.HttpStatusCode.OK, dismissed.StatusCode);
        Assert.Equal(clock.GetUtcNow(), dismissedBody.GetProperty("dismissedAt").GetDateTimeOffset());
        Assert.Equal("in_progress", dismissedBody.GetProperty("wizard").GetProperty("status").GetString());
        Assert.Equal(System.Net.HttpStatusCode.OK, again.StatusCode);
        Assert.Empty(whileDismissed);
        Assert.Empty(indexRows);
        Assert.Single(events);
        Assert.Equal(1, funnel.GetProperty("dismissed").GetInt32());
        Assert.Equal(System.Net.HttpStatusCode.OK, undone.StatusCode);
        Assert.Equal(JsonValueKind.Null, undoneBody.GetProperty("dismissedAt").ValueKind);
        Assert.Equal([org], after);
    }

    [Fact]
    public async Task DismissCarriesTheOverviewsETagAndRefusesAStaleOne()
    {
        await using var app = await NewAppAsync();
        var org = TestStorage.UniqueId("dismiss");
        using var client = app.ClientFor(org);
        (await client.PostAsync($"/api/orgs/{org}/onboarding/wizard/start", null)).EnsureSuccessStatusCode();
        using var read = await client.GetAsync($"/api/orgs/{org}/onboarding");
        var etag = read.Headers.ETag!.ToString();

        using var first = new HttpRequestMessage(HttpMethod.Post, $"/api/orgs/{org}/onboarding/dismiss");
        first.Headers.TryAddWithoutValidation("If-Match", etag);
        using var dismissed = await client.SendAsync(first);
        using var stale = new HttpRequestMessage(HttpMethod.Delete, $"/api/orgs/{org}/onboarding/dismiss");
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        using var refused = await client.SendAsync(stale);
        using var overview = await client.GetAsync($"/api/orgs/{org}/onboarding");

        Assert.Equal(System.Net.HttpStatusCode.OK, dismissed.StatusCode);
        Assert.Equal(overview.Headers.ETag!.ToString(), dismissed.Headers.ETag!.ToString());
        await refused.AssertProblemAsync(412, "precondition_failed");
        Assert.Equal(JsonValueKind.String, (await overview.ReadJsonAsync()).GetProperty("dismissedAt").ValueKind);
    }
}
