using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Onboarding.Functions.Analytics;
using Onboarding.Functions.Tests.Events;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Analytics;

/// <summary>Onboarding starts at sign-up (<c>organization_created</c>), on a clock of a day no other test uses and an index table of its own.</summary>
public sealed class SignUpTests
{
    private readonly ClockedAnalyticsApp setup = new();

    private ManualClock clock => setup.Clock;

    private string indexTable => setup.IndexTable;

    private Task<InProcessApp> NewAppAsync() => setup.StartAsync();

    private static Task<JsonElement> AnalystGetAsync(InProcessApp app, string route) => ClockedAnalyticsApp.AnalystGetAsync(app, route);

    private static JsonElement? Item(JsonElement page, string organizationId) =>
        page.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("organizationId").GetString() == organizationId).Cast<JsonElement?>().SingleOrDefault();

    private static async Task SendAsync(InProcessApp app, params JsonObject[] events)
    {
        await app.EventsQueue().SendMessageAsync(TestEvents.Batch(events));
        await app.DrainAsync();
    }

    private static JsonObject Created(string org, DateTimeOffset at, string? id = null) =>
        TestEvents.Event(org, "organization_created", id, e => e["timestamp"] = at.ToString("O"));

    [Fact]
    public async Task AnOrganizationCreatedThreeDaysAgoAndNeverOpenedIsStalledAndInTheFunnelUntilItIsDismissed()
    {
        await using var app = await NewAppAsync();
        var org = TestStorage.UniqueId("signup");
        var created = clock.GetUtcNow();
        var day = DateOnly.FromDateTime(created.UtcDateTime);
        await SendAsync(app, Created(org, created, "created-" + org));
        clock.Advance(TimeSpan.FromDays(3));
        await SendAsync(app, Created(org, created, "created-" + org));   // redelivered: nothing changes

        var overview = await (await app.ClientFor(org).GetAsync($"/api/orgs/{org}/onboarding")).ReadJsonAsync();
        var signedUp = await AnalystGetAsync(app, "stalled?stage=signed_up&olderThanHours=48");
        var both = await AnalystGetAsync(app, "stalled?olderThanHours=48");
        var wizards = await AnalystGetAsync(app, "stalled?stage=wizard&olderThanHours=48");
        var younger = await AnalystGetAsync(app, "stalled?stage=signed_up&olderThanHours=73");
        var funnel = await AnalystGetAsync(app, $"funnel?from={day:yyyy-MM-dd}&to={day.AddDays(3):yyyy-MM-dd}");
        (await app.ClientFor(org).PostAsync($"/api/orgs/{org}/onboarding/dismiss", null)).EnsureSuccessStatusCode();
        var dismissed = await AnalystGetAsync(app, "stalled?olderThanHours=48");

        Assert.Equal(created, overview.GetProperty("signedUpAt").GetDateTimeOffset());
        Assert.Equal("not_started", overview.GetProperty("wizard").GetProperty("status").GetString());
        var item = Item(signedUp, org) ?? throw new Xunit.Sdk.XunitException($"{org} is not in {signedUp}");
        Assert.Equal("signed_up", item.GetProperty("stage").GetString());
        Assert.Equal(0, item.GetProperty("currentStep").GetInt32());
        Assert.Equal(created, item.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(72, item.GetProperty("hoursSinceSignUp").GetDouble());
        Assert.Equal(72, item.GetProperty("hoursSinceStart").GetDouble());
        Assert.NotNull(Item(both, org));
        Assert.Null(Item(wizards, org));
        Assert.Null(Item(younger, org));
        Assert.Equal("signed_up", signedUp.GetProperty("stage").GetString());
        Assert.False(both.TryGetProperty("stage", out _));
        Assert.False(signedUp.TryGetProperty("continuationToken", out _));
        var step0 = funnel.GetProperty("steps")[0];
        Assert.Equal(("signed_up", 1, 0, 1), (step0.GetProperty("key").GetString(), step0.GetProperty("reached").GetInt32(),
            step0.GetProperty("completed").GetInt32(), step0.GetProperty("dropped").GetInt32()));
        Assert.Null(Item(dismissed, org));
    }

    [Fact]
    public async Task OpeningTheWizardMovesASignedUpOrganizationToTheWizardStageAndOneCreatedEarlierMovesItsSignUp()
    {
        await using var app = await NewAppAsync();
        var org = TestStorage.UniqueId("signup");
        var created = clock.GetUtcNow();
        await SendAsync(app, Created(org, created));
        await SendAsync(app, Created(org, created.AddHours(-5)));   // a backfill with the real, earlier creation time
        var index = TestStorage.Tables().GetTableClient(indexTable);
        var afterSignUp = await index.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"OrganizationId eq {org}")).ToListAsync();
        clock.Advance(TimeSpan.FromHours(1));
        (await app.ClientFor(org).PostAsync($"/api/orgs/{org}/onboarding/wizard/start", null)).EnsureSuccessStatusCode();
        var afterStart = await index.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"OrganizationId eq {org}")).ToListAsync();
        clock.Advance(TimeSpan.FromHours(49));
        var stalled = await AnalystGetAsync(app, "stalled?olderThanHours=48");

        var signUpRow = Assert.Single(afterSignUp);
        Assert.Equal((InProgressWizards.SignedUpPartition, InProgressWizards.RowKey(created.AddHours(-5), org)), (signUpRow.PartitionKey, signUpRow.RowKey));
        Assert.Equal(InProgressWizards.Partition, Assert.Single(afterStart).PartitionKey);
        var item = Item(stalled, org) ?? throw new Xunit.Sdk.XunitException($"{org} is not in {stalled}");
        Assert.Equal(("wizard", 1, 49.0, 55.0), (item.GetProperty("stage").GetString(), item.GetProperty("currentStep").GetInt32(),
            item.GetProperty("hoursSinceStart").GetDouble(), item.GetProperty("hoursSinceSignUp").GetDouble()));
    }
}
