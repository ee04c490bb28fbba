using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Analytics;
using Onboarding.Functions.Tests.Infrastructure;
using Onboarding.Functions.Tests.Wizard;

namespace Onboarding.Functions.Tests.Analytics;

/// <summary>The stalled list over the in-progress wizard index, which every change keeps; each test with an index table of its own.</summary>
public sealed class StalledWizardsTests
{
    private readonly ManualClock clock = new(DateTimeOffset.UtcNow);

    private readonly string indexTable = TestStorage.UniqueTableName("inprogress");

    private async Task<InProcessApp> NewAppAsync()
    {
        await Index.CreateIfNotExistsAsync();
        return new InProcessApp().WithSetting("Analytics:InProgressWizardsTable", indexTable).WithServices(s => s.AddSingleton<TimeProvider>(clock));
    }

    private static async Task<JsonElement> StalledAsync(InProcessApp app, string query)
    {
        using var client = app.CreateClient().WithToken(TestTokens.Analyst());
        using var response = await client.GetAsync("/api/analytics/stalled?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("organizationId").GetString()!)];

    private TableClient Index => TestStorage.Tables().GetTableClient(indexTable);

    private async Task<List<TableEntity>> IndexRowsAsync(string organizationId) =>
        await Index.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {InProgressWizards.Partition} and OrganizationId eq {organizationId}")).ToListAsync();

    [Fact]
    public async Task WizardsStartedLongerAgoThanTheThresholdAndNotFinishedNewestFirstInPages()
    {
        await using var app = await NewAppAsync();
        var t0 = clock.GetUtcNow();
        string Org(string name) => $"{name}-{Guid.NewGuid():N}"[..24];
        var (p1, p6, p2, p3, skipped, reset, completed) = (Org("p1"), Org("p6"), Org("p2"), Org("p3"), Org("skip"), Org("reset"), Org("done"));
        async Task Post(string org, string path) => (await app.ClientFor(org).PostAsync($"/api/orgs/{org}/onboarding/{path}", null)).EnsureSuccessStatusCode();
        async Task Step(string org, int step) =>
            (await app.ClientFor(org).PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/{step}", JsonRequests.Json(WizardApiTests.Steps[step - 1]))).EnsureSuccessStatusCode();

        await Post(p1, "wizard/start");
        clock.Advance(TimeSpan.FromMinutes(30));
        await Step(p6, 1);                                   // started by its first step, now at step 2
        clock.Advance(TimeSpan.FromMinutes(30));
        await Post(p2, "wizard/start");
        clock.Advance(TimeSpan.FromHours(1));
        await Post(p3, "wizard/start");
        clock.Advance(TimeSpan.FromHours(1));
        await Post(skipped, "wizard/start");
        await Post(skipped, "wizard/skip");
        await Post(reset, "wizard/start");
        await Post(reset, "reset");
        await Post(completed, "wizard/start");
        for (var step = 1; step <= 5; step++)
        {
            await Step(completed, step);
        }
        Assert.Empty(await IndexRowsAsync(skipped));
        Assert.Empty(await IndexRowsAsync(reset));
        Assert.Empty(await IndexRowsAsync(completed));
        Assert.Single(await IndexRowsAsync(p6));
        clock.Advance(TimeSpan.FromHours(97));               // t0 + 100 h

        var first = await StalledAsync(app, "olderThanHours=48&pageSize=2");
        var second = await StalledAsync(app, "olderThanHours=48&pageSize=2&continuationToken=" + first.GetProperty("continuationToken").GetString());
        var over99 = await StalledAsync(app, "olderThanHours=99&pageSize=1");
        var defaults = await StalledAsync(app, "pageSize=1");

        Assert.Equal([p3, p2], Ids(first));
        Assert.Equal([p6, p1], Ids(second));
        Assert.Equal([p6], Ids(over99));                     // p2 started exactly 99 h ago: not longer than the threshold
        Assert.Equal([p3], Ids(defaults));
        Assert.Equal(48, defaults.GetProperty("olderThanHours").GetInt32());
        var top = first.GetProperty("items")[0];
        Assert.Equal(1, top.GetProperty("currentStep").GetInt32());
        Assert.Equal(98, top.GetProperty("hoursSinceStart").GetDouble());
        Assert.Equal(t0.AddHours(2), top.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.String, top.GetProperty("lastActivityAt").ValueKind);
        Assert.Equal(2, second.GetProperty("items")[0].GetProperty("currentStep").GetInt32());
        Assert.Equal(99.5, second.GetProperty("items")[0].GetProperty("hoursSinceStart").GetDouble());

        // Erasure removes an organization's row.
        await app.Services.GetRequiredService<InProgressWizards>().RemoveAsync(p3, CancellationToken.None);
        Assert.Empty(await IndexRowsAsync(p3));
        Assert.Equal([p2, p6], Ids(await StalledAsync(app, "olderThanHours=48&pageSize=2")));
    }

    [Fact]
    public async Task TwoInstancesRacingOnWizardsLeaveAListOfExactlyThoseInProgress()
    {
        await using var one = await NewAppAsync();
        await using var two = await NewAppAsync();
        var orgs = Enumerable.Range(0, 8).Select(i => TestStorage.UniqueId($"race{i}")).ToList();

        await Task.WhenAll(orgs.Select(async org =>
        {
            using var a = one.ClientFor(org);
            using var b = two.ClientFor(org);
            await Task.WhenAll(
                a.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(WizardApiTests.Steps[0])),
                b.PostAsync($"/api/orgs/{org}/onboarding/wizard/skip", null),
                b.PostAsync($"/api/orgs/{org}/onboarding/wizard/start", null));
        }));
        var inProgress = new List<string>();
        foreach (var org in orgs)
        {
            var wizard = await (await one.ClientFor(org).GetAsync($"/api/orgs/{org}/onboarding/wizard")).ReadJsonAsync();
            if (wizard.GetProperty("status").GetString() == "in_progress")
            {
                inProgress.Add(org);
            }
        }
        clock.Advance(TimeSpan.FromHours(49));

        var listed = Ids(await StalledAsync(one, "pageSize=50"));

        Assert.Equal(inProgress.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        foreach (var org in orgs)
        {
            Assert.Equal(inProgress.Contains(org) ? 1 : 0, (await IndexRowsAsync(org)).Count);
        }
    }

    [Fact]
    public async Task AWizardInProgressWithoutARowIsIndexedAgainAtItsNextStep()
    {
        await using var app = await NewAppAsync();
        var org = TestStorage.UniqueId("before");
        using var client = app.ClientFor(org);
        (await client.PostAsync($"/api/orgs/{org}/onboarding/wizard/start", null)).EnsureSuccessStatusCode();
        var row = Assert.Single(await IndexRowsAsync(org));
        await Index.DeleteEntityAsync(row.PartitionKey, row.RowKey);   // as for a wizard started before the index existed

        (await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(WizardApiTests.Steps[0]))).EnsureSuccessStatusCode();

        Assert.Equal(row.RowKey, Assert.Single(await IndexRowsAsync(org)).RowKey);
    }

    [Fact]
    public async Task ARowWhoseOrganizationIsNoLongerInProgressIsDroppedWhenRead()
    {
        await using var app = await NewAppAsync();
        var org = TestStorage.UniqueId("ghost");
        var live = TestStorage.UniqueId("live");
        (await app.ClientFor(live).PostAsync($"/api/orgs/{live}/onboarding/wizard/start", null)).EnsureSuccessStatusCode();
        // A row whose change never committed (or whose organization was erased): newer than every real one.
        await app.StartedAsync();
        await Index.UpsertEntityAsync(new TableEntity(InProgressWizards.Partition, InProgressWizards.RowKey(clock.GetUtcNow().AddHours(1), org))
        {
            ["OrganizationId"] = org,
            ["StartedAt"] = clock.GetUtcNow().AddHours(1),
        });
        clock.Advance(TimeSpan.FromHours(72));

        var page = await StalledAsync(app, "olderThanHours=48&pageSize=2");

        Assert.DoesNotContain(org, Ids(page));
        Assert.Equal(live, Ids(page)[0]);
        Assert.Empty(await IndexRowsAsync(org));
    }
}
