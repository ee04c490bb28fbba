using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Domain.Catalog;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Onboarding.Functions.Tests.Catalog;

/// <summary>
/// Catalog versions published through the API while the app runs, each test on its own versions table (so its version 1
/// is its own catalog file) and a one-second cache of the current version.
/// </summary>
public sealed class CatalogVersionsTests : IAsyncLifetime
{
    private const int CacheSeconds = 1;

    private readonly string versionsTable = TestStorage.UniqueTableName("catalogs");
    private readonly OnboardingApplication app;

    public CatalogVersionsTests(ITestOutputHelper output)
    {
        this.output = output;
        app = NewApp();
    }

    private readonly ITestOutputHelper output;

    /// <summary>An instance on this test's versions table; two of them are two instances of one deployment.</summary>
    private OnboardingApplication NewApp() => new OnboardingApplication()
        .WithSetting("Catalog:VersionsTable", versionsTable)
        .WithSetting("Catalog:CacheSeconds", CacheSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task InitializeAsync() => app.StartedAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task APublishReachesOrganizationsNotStartedOnAnotherInstanceWithinTheCacheTimeWhileAPinnedOneKeepsItsVersionUntilUpgraded()
    {
        await using var other = await NewApp().StartedAsync();
        var pinned = TestStorage.UniqueId("pinned");
        var fresh = TestStorage.UniqueId("fresh");
        using var pinnedAdmin = app.ClientFor(pinned);
        // Read through the other instance, which published nothing: the publish reaches it through its cache's expiry.
        using var freshAdmin = other.ClientFor(fresh);
        Assert.DoesNotContain("share_calendar", TaskIds(await OverviewAsync(freshAdmin, fresh)));
        using var platform = app.CreateClient().WithToken(TestTokens.PlatformAdmin());
        (await pinnedAdmin.PostAsync($"/api/orgs/{pinned}/onboarding/wizard/start", null)).EnsureSuccessStatusCode();
        Assert.Equal(1, (await OverviewAsync(pinnedAdmin, pinned)).GetProperty("catalogVersion").GetInt32());

        using var put = await platform.PutAsync("/api/catalog/draft", JsonRequests.Json(VersionTwo().ToJsonString()));
        using var published = await platform.PostAsync("/api/catalog/draft/publish", null);
        var publishedAt = DateTime.UtcNow;

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.True(published.StatusCode == HttpStatusCode.Created, await published.Content.ReadAsStringAsync());
        Assert.Equal("/api/catalog/versions/2", published.Headers.Location?.OriginalString);
        var freshOverview = await Events.IngestionApp.EventuallyAsync(() => OverviewAsync(freshAdmin, fresh), o => TaskIds(o).Contains("share_calendar"), TimeSpan.FromSeconds(20));
        var effect = DateTime.UtcNow - publishedAt;
        TestFigures.Report(output, "Catalog publish", $"a publish reached an organization not started on another instance after {effect.TotalMilliseconds:F0} ms (cache {CacheSeconds} s)");
        Assert.True(effect < TimeSpan.FromSeconds(CacheSeconds + 2), $"the publish took {effect} to reach an organization not started");
        Assert.Equal(JsonValueKind.Null, freshOverview.GetProperty("catalogVersion").ValueKind);
        var stillPinned = await OverviewAsync(pinnedAdmin, pinned);
        Assert.Equal(1, stillPinned.GetProperty("catalogVersion").GetInt32());
        Assert.DoesNotContain("share_calendar", TaskIds(stillPinned));
        Assert.Equal(5, stillPinned.GetProperty("wizard").GetProperty("totalSteps").GetInt32());

        (await pinnedAdmin.PutAsync($"/api/orgs/{pinned}/onboarding/wizard/steps/1", JsonRequests.Json(Wizard.WizardApiTests.Steps[0]))).EnsureSuccessStatusCode();
        using var upgrade = await pinnedAdmin.PostAsync($"/api/orgs/{pinned}/onboarding/catalog-upgrade", null);
        var upgraded = await upgrade.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, upgrade.StatusCode);
        Assert.Equal(2, upgraded.GetProperty("catalogVersion").GetInt32());
        Assert.Contains("share_calendar", TaskIds(upgraded));
        Assert.Equal(4, upgraded.GetProperty("wizard").GetProperty("totalSteps").GetInt32());
        // Kept by key: the organization profile step stays complete in the version without the team step.
        Assert.Equal(2, upgraded.GetProperty("wizard").GetProperty("currentStep").GetInt32());
        var stored = await StoredRows.OfOrganizationAsync(pinned);
        Assert.Equal(2, stored.Single(r => r.RowKey == "profile|state").GetInt32("CatalogVersion"));
    }

    [Fact]
    public async Task AnInvalidDraftIsA400NamingEachErrorAtItsPathAndIsNotPublished()
    {
        using var platform = app.CreateClient().WithToken(TestTokens.PlatformAdmin());
        var draft = VersionTwo();
        draft["activity"]!["counters"]![1]!.AsObject().Remove("createdBy");
        draft["checklist"]!["tasks"]![0]!["criteria"] = new JsonObject { ["type"] = "sql_query" };
        draft["tutorials"]![0]!["steps"] = 0;
        await PutDraftAsync(platform, draft);

        using var validated = await platform.PostAsync("/api/catalog/draft/validate", null);
        using var published = await platform.PostAsync("/api/catalog/draft/publish", null);
        var versions = await (await platform.GetAsync("/api/catalog/versions")).ReadJsonAsync();

        var problem = await validated.AssertProblemAsync(400, "validation_failed");
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains("activity.counters[1]", errors);
        Assert.Contains("checklist.tasks[0].criteria.type", errors);
        Assert.Contains("tutorials[0].steps", errors);
        await published.AssertProblemAsync(400, "validation_failed");
        Assert.Equal(1, versions.GetProperty("currentVersion").GetInt32());
        Assert.Equal("file", Assert.Single(versions.GetProperty("versions").EnumerateArray()).GetProperty("source").GetString());
    }

    [Fact]
    public async Task ADraftThatBreaksACatalogRuleTheSchemaCannotSayIsA400WithThatRulesPath()
    {
        using var platform = app.CreateClient().WithToken(TestTokens.PlatformAdmin());
        var draft = VersionTwo();
        draft["checklist"]!["tasks"]![1]!["criteria"] = JsonNode.Parse("""{ "type": "activity_count", "counter": "members", "operator": ">=", "value": 1 }""");
        await PutDraftAsync(platform, draft);

        using var validated = await platform.PostAsync("/api/catalog/draft/validate", null);

        var problem = await validated.AssertProblemAsync(400, "validation_failed");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal("checklist.tasks[1].criteria.counter", error.Name);
        Assert.Contains("'members'", error.Value[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APinnedOrganizationGetsItsOwnVersionsSampleDataAndOneNotStartedTheCurrentVersions()
    {
        var pinned = TestStorage.UniqueId("pinned");
        var fresh = TestStorage.UniqueId("fresh");
        using var pinnedAdmin = app.ClientFor(pinned);
        using var freshAdmin = app.ClientFor(fresh);
        using var platform = app.CreateClient().WithToken(TestTokens.PlatformAdmin());
        (await pinnedAdmin.PostAsync($"/api/orgs/{pinned}/onboarding/wizard/start", null)).EnsureSuccessStatusCode();
        var draft = VersionTwo();
        draft["sampleData"] = JsonNode.Parse("""{ "collections": [ { "counter": "teams", "kind": "crew", "items": [ { "name": "Sample Crew" } ] } ] }""");
        await PutDraftAsync(platform, draft);
        (await platform.PostAsync("/api/catalog/draft/publish", null)).EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromSeconds(CacheSeconds + 0.5));

        var pinnedSet = await (await pinnedAdmin.PostAsync($"/api/orgs/{pinned}/onboarding/sample-data", null)).ReadJsonAsync();
        var freshSet = await (await freshAdmin.PostAsync($"/api/orgs/{fresh}/onboarding/sample-data", null)).ReadJsonAsync();
        var freshData = await (await freshAdmin.GetAsync($"/api/orgs/{fresh}/onboarding/sample-data")).ReadJsonAsync();

        Assert.Equal(48, pinnedSet.GetProperty("status").GetProperty("itemCount").GetInt32());
        Assert.Equal(1, freshSet.GetProperty("status").GetProperty("itemCount").GetInt32());
        var crew = Assert.Single(freshData.GetProperty("data").GetProperty("collections").GetProperty("teams").EnumerateArray());
        Assert.Equal(("crew-1", "Sample Crew"), (crew.GetProperty("key").GetString(), crew.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task ASampleDataTemplateThatNamesALaterCollectionIsA400AtTheSectionsPath()
    {
        using var platform = app.CreateClient().WithToken(TestTokens.PlatformAdmin());
        var draft = VersionTwo();
        draft["sampleData"] = JsonNode.Parse("""
            { "collections": [ { "counter": "volunteers", "kind": "volunteer", "count": 2, "fields": { "teamKey": { "$cycle": "teams" } } },
                               { "counter": "teams", "kind": "team", "items": [ { "name": "Later" } ] } ] }
            """);
        await PutDraftAsync(platform, draft);

        using var validated = await platform.PostAsync("/api/catalog/draft/validate", null);

        var problem = await validated.AssertProblemAsync(400, "validation_failed");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal("sampleData", error.Name);
        Assert.Contains("'teams'", error.Value[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APublishedVersionReadsBackAsPublishedAndTheFileSeededVersionOne()
    {
        using var platform = app.CreateClient().WithToken(TestTokens.PlatformAdmin());
        await PutDraftAsync(platform, VersionTwo());
        using var valid = await platform.PostAsync("/api/catalog/draft/validate", null);
        (await platform.PostAsync("/api/catalog/draft/publish", null)).EnsureSuccessStatusCode();

        var one = await (await platform.GetAsync("/api/catalog/versions/1")).ReadJsonAsync();
        var two = await (await platform.GetAsync("/api/catalog/versions/2")).ReadJsonAsync();
        using var three = await platform.GetAsync("/api/catalog/versions/3");

        Assert.Equal(["events", "teams", "volunteers", "assignments"], (await valid.ReadJsonAsync()).GetProperty("counters").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(("file", false, 5), (one.GetProperty("source").GetString(), one.GetProperty("isCurrent").GetBoolean(), one.GetProperty("catalog").GetProperty("wizard").GetProperty("steps").GetArrayLength()));
        Assert.Equal(("api", true, 4), (two.GetProperty("source").GetString(), two.GetProperty("isCurrent").GetBoolean(), two.GetProperty("catalog").GetProperty("wizard").GetProperty("steps").GetArrayLength()));
        await three.AssertProblemAsync(404, "catalog_version_not_found");
    }

    [Fact]
    public async Task AnalyticsAnswerInTheStepsAndTasksOfTheVersionAskedForTheCurrentOneByDefault()
    {
        using var platform = app.CreateClient().WithToken(TestTokens.PlatformAdmin());
        using var analyst = app.CreateClient().WithToken(TestTokens.Analyst());
        await PutDraftAsync(platform, VersionTwo());
        (await platform.PostAsync("/api/catalog/draft/publish", null)).EnsureSuccessStatusCode();
        const string range = "from=2001-01-01&to=2001-01-02";

        var current = await (await analyst.GetAsync("/api/analytics/funnel?" + range)).ReadJsonAsync();
        var first = await (await analyst.GetAsync("/api/analytics/funnel?catalogVersion=1&" + range)).ReadJsonAsync();
        var checklist = await (await analyst.GetAsync("/api/analytics/checklist?catalogVersion=2&" + range)).ReadJsonAsync();
        using var unknown = await analyst.GetAsync("/api/analytics/funnel?catalogVersion=3&" + range);

        Assert.Equal(["signed_up", "organization_profile", "first_event", "invite_volunteers", "finish_setup"], StepKeys(current));
        Assert.Equal(["signed_up", "organization_profile", "first_event", "first_team", "invite_volunteers", "finish_setup"], StepKeys(first));
        Assert.Contains("share_calendar", checklist.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("taskId").GetString()));
        var problem = await unknown.AssertProblemAsync(400, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("catalogVersion", out _), problem.ToString());
    }

    private static List<string?> StepKeys(JsonElement funnel) => [.. funnel.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("key").GetString())];

    [Theory]
    [InlineData(OnboardingRoles.OrgMember)]
    [InlineData(OnboardingRoles.OrgAdmin)]
    [InlineData(OnboardingRoles.PlatformAnalyst)]
    public async Task EveryCatalogRouteIsForbiddenToAnyoneButAPlatformAdmin(string role)
    {
        using var client = app.CreateClient().WithToken(TestTokens.For(TestStorage.UniqueId(), role));
        (string Method, string Path)[] routes =
        [
            ("GET", "/api/catalog/versions"), ("GET", "/api/catalog/versions/1"), ("GET", "/api/catalog/draft"),
            ("PUT", "/api/catalog/draft"), ("POST", "/api/catalog/draft/validate"), ("POST", "/api/catalog/draft/publish"),
        ];

        foreach (var (method, path) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonRequests.Json(VersionTwo().ToJsonString()) };
            using var response = await client.SendAsync(request);
            await response.AssertProblemAsync(403, "role_required");
        }
    }

    /// <summary>The default catalog without the team step (4 steps) and with a manual task of its own.</summary>
    private static JsonObject VersionTwo()
    {
        var catalog = JsonNode.Parse(DefaultCatalog.Json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        catalog.Remove("$schema");
        var steps = catalog["wizard"]!["steps"]!.AsArray();
        steps.RemoveAt(2);
        for (var i = 0; i < steps.Count; i++)
        {
            steps[i]!["number"] = i + 1;
        }
        catalog["checklist"]!["tasks"]!.AsArray().Add(JsonNode.Parse("""
            { "id": "share_calendar", "order": 7, "isActive": true, "titleKey": "t", "descriptionKey": "d", "icon": "share", "quickActionUrl": "/calendar/share", "criteria": { "type": "manual" } }
            """));
        return catalog;
    }

    private async Task PutDraftAsync(HttpClient platform, JsonObject draft)
    {
        using var put = await platform.PutAsync("/api/catalog/draft", JsonRequests.Json(draft.ToJsonString()));
        Assert.True(put.StatusCode == HttpStatusCode.OK, $"{(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}\n{string.Join("\n", app.Logs.Where(l => l.Contains("xception", StringComparison.Ordinal)).Take(5))}");
    }

    private static async Task<JsonElement> OverviewAsync(HttpClient client, string org) => await (await client.GetAsync($"/api/orgs/{org}/onboarding")).ReadJsonAsync();

    private static List<string?> TaskIds(JsonElement overview) =>
        [.. overview.GetProperty("checklist").GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString())];
}
