using System.Net;
using System.Text.Json;
using Onboarding.Functions.Tests.Events;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Catalog;

/// <summary>An instance on <c>catalogs/platform-portal.json</c> onboards an organization from the portal's own activity.</summary>
public sealed class PortalCatalogEndToEndTests : IAsyncLifetime
{
    private static readonly string[] Stages = ["welcome", "first_service", "first_deployment", "cloud_account_connected", "resources_discovered"];

    // Its own versions table: the portal file seeds its version 1 (a shared table was seeded by the default catalog).
    private readonly OnboardingApplication app = IngestionApp.Create()
        .WithSetting("ONBOARDING_CATALOG_PATH", ShippedCatalogs.PortalPath)
        .WithSetting("Catalog:VersionsTable", TestStorage.UniqueTableName("portalcatalog"))
        .WithSetting("Catalog:CacheSeconds", "1");

    public Task InitializeAsync() => app.StartedAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task QueuedPortalActivityCompletesTheStagesInOrderAndTheOverviewAndAnalyticsShowThem()
    {
        var org = TestStorage.UniqueId("portal");
        using var admin = app.ClientFor(org);

        await SendAsync(TestEvents.Event(org, "organization_created"));
        using var welcome = await admin.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json("""{"teamName":"Platform","primaryCloud":"azure"}"""));
        Assert.Equal(HttpStatusCode.OK, welcome.StatusCode);
        // A deployment and an account before any service: their stages wait for the first service.
        await SendAsync(TestEvents.Event(org, "deployment_created"), TestEvents.Event(org, "cloud_account_connected"));
        Assert.Equal(["welcome"], Completed(await OverviewAsync(admin, org)));
        await SendAsync(TestEvents.Event(org, "service_created"));
        Assert.Equal(["welcome", "first_service", "first_deployment", "cloud_account_connected"], Completed(await OverviewAsync(admin, org)));
        await SendAsync(TestEvents.Event(org, "resources_discovered", more: e => e["data"] = new System.Text.Json.Nodes.JsonObject { ["resources"] = 42 }));

        var overview = await OverviewAsync(admin, org);
        var checklist = overview.GetProperty("checklist");
        Assert.Equal(Stages, Completed(overview));
        Assert.Equal(100, overview.GetProperty("completionPercent").GetDouble());
        Assert.Equal(JsonValueKind.String, overview.GetProperty("signedUpAt").ValueKind);
        var times = checklist.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("completedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(times[^1], checklist.GetProperty("completedAt").GetDateTimeOffset());
        Assert.Equal(["cost_insights", "environments"], overview.GetProperty("features").GetProperty("unlocked").EnumerateArray().Select(f => f.GetProperty("id").GetString()).Order());

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var analyst = app.CreateClient().WithToken(TestTokens.Analyst());
        var funnel = await (await analyst.GetAsync($"/api/analytics/funnel?from={today}&to={today}")).ReadJsonAsync();
        var steps = funnel.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["signed_up", "welcome"], steps.Select(s => s.GetProperty("key").GetString()));
        Assert.True(steps[1].GetProperty("completed").GetInt32() >= 1, funnel.ToString());
        var tasks = await IngestionApp.EventuallyAsync(
            async () => await (await analyst.GetAsync($"/api/analytics/checklist?from={today}&to={today}")).ReadJsonAsync(),
            c => c.GetProperty("tasks").EnumerateArray().All(t => t.GetProperty("completedOrganizations").GetInt32() >= 1));
        Assert.Equal(Stages, tasks.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("taskId").GetString()));
    }

    [Fact]
    public async Task TheDefaultCatalogsActivityIsRefusedToThePoisonQueueAndCountsNothing()
    {
        var org = TestStorage.UniqueId("portal");

        await app.EventsQueue().SendMessageAsync(TestEvents.Batch([TestEvents.Event(org, "team_created")]));
        await app.DrainAsync();

        var poisoned = await IngestionApp.EventuallyAsync(async () => (await app.PoisonQueue().ReceiveMessagesAsync(32)).Value, m => m.Length > 0);
        Assert.Contains("team_created", Assert.Single(poisoned).Body.ToString(), StringComparison.Ordinal);
        Assert.Empty(await StoredRows.EventsAsync(org));
    }

    [Fact]
    public async Task ACatalogWithoutSampleDataOffersNoneAndRefusesToGenerateIt()
    {
        var org = TestStorage.UniqueId("portal");
        using var admin = app.ClientFor(org);

        using var generate = await admin.PostAsync($"/api/orgs/{org}/onboarding/sample-data", null);
        var read = await (await admin.GetAsync($"/api/orgs/{org}/onboarding/sample-data")).ReadJsonAsync();

        await generate.AssertProblemAsync(409, "sample_data_not_offered");
        Assert.False(read.GetProperty("offered").GetBoolean());
        Assert.Equal("none", read.GetProperty("status").GetProperty("status").GetString());
        Assert.DoesNotContain(await StoredRows.OfOrganizationAsync(org), r => r.RowKey.StartsWith("sample|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnActivityTypeALaterVersionDroppedStillReachesAnOrganizationPinnedToTheVersionThatDeclaresIt()
    {
        var org = TestStorage.UniqueId("portal");
        using var admin = app.ClientFor(org);
        await SendAsync(TestEvents.Event(org, "organization_created"), TestEvents.Event(org, "service_created"),
            TestEvents.Event(org, "deployment_created"), TestEvents.Event(org, "cloud_account_connected"));
        (await admin.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json("""{"teamName":"Platform","primaryCloud":"gcp"}"""))).EnsureSuccessStatusCode();
        var withoutDiscovery = ShippedCatalogs.ReadJson(ShippedCatalogs.PortalPath).AsObject();
        withoutDiscovery.Remove("$schema");
        withoutDiscovery["activity"]!["eventTypes"] = new System.Text.Json.Nodes.JsonArray();
        withoutDiscovery["checklist"]!["tasks"]!.AsArray().RemoveAt(4);
        withoutDiscovery["features"]!.AsArray().RemoveAt(1);
        using var platform = app.CreateClient().WithToken(TestTokens.PlatformAdmin());
        (await platform.PutAsync("/api/catalog/draft", JsonRequests.Json(withoutDiscovery.ToJsonString()))).EnsureSuccessStatusCode();
        (await platform.PostAsync("/api/catalog/draft/publish", null)).EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        await SendAsync(TestEvents.Event(org, "resources_discovered"));

        var overview = await OverviewAsync(admin, org);
        Assert.Equal(1, overview.GetProperty("catalogVersion").GetInt32());
        Assert.Equal(Stages, Completed(overview));
        Assert.Empty((await app.PoisonQueue().ReceiveMessagesAsync(32)).Value);
    }

    private async Task SendAsync(params System.Text.Json.Nodes.JsonObject[] events)
    {
        await app.EventsQueue().SendMessageAsync(TestEvents.Batch(events));
        await app.DrainAsync();
        await IngestionApp.EventuallyAsync(() => StoredRows.EventsAsync(events[0]["organizationId"]!.GetValue<string>()),
            rows => events.All(e => rows.Any(r => r.RowKey == "event|" + e["id"]!.GetValue<string>())));
    }

    private static async Task<JsonElement> OverviewAsync(HttpClient admin, string org) =>
        await (await admin.GetAsync($"/api/orgs/{org}/onboarding")).ReadJsonAsync();

    private static List<string?> Completed(JsonElement overview) =>
        [.. overview.GetProperty("checklist").GetProperty("tasks").EnumerateArray().Where(t => t.GetProperty("isCompleted").GetBoolean()).Select(t => t.GetProperty("id").GetString())];
}
