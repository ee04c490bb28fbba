using System.Net;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Tests.Events;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Erasure;

/// <summary>Erasure through the local Functions host: by DELETE and by the product's <c>organization_deleted</c> event.</summary>
public sealed class ErasureApiTests : IngestionAppTest
{
    [Fact]
    public async Task DeleteLeavesNoRowNamingTheOrganizationInAnyTableAndIsIdempotent()
    {
        var org = TestStorage.UniqueId();
        var neighbour = TestStorage.UniqueId();
        await OrganizationFootprint.WriteEverythingAsync(App, org);
        await OrganizationFootprint.WriteEverythingAsync(App, neighbour);
        Assert.Contains(await OrganizationFootprint.RowsNamingAsync(org), r => r.StartsWith("OnboardingDaily "));
        Assert.Contains(await OrganizationFootprint.RowsNamingAsync(org), r => r.StartsWith("SampleDataExpiry "));
        var neighbourBefore = await NeighbourRowsAsync(neighbour);
        using var admin = App.ClientFor(org);

        using var erased = await admin.DeleteAsync($"/api/orgs/{org}/onboarding");
        var body = await erased.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Empty(await OrganizationFootprint.RowsNamingAsync(org));
        Assert.Equal(neighbourBefore, await NeighbourRowsAsync(neighbour));
        using var again = await admin.DeleteAsync($"/api/orgs/{org}/onboarding");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("completed", (await again.ReadJsonAsync()).GetProperty("status").GetString());
        var status = await (await admin.GetAsync($"/api/orgs/{org}/onboarding/erasure")).ReadJsonAsync();
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Empty(await OrganizationFootprint.RowsNamingAsync(org));
    }

    /// <summary>The neighbour's rows but day summaries, which the erasure rewrites from what is left (so the neighbour may appear in a new one).</summary>
    private static async Task<List<string>> NeighbourRowsAsync(string neighbour) =>
        [.. (await OrganizationFootprint.RowsNamingAsync(neighbour)).Where(r => !r.StartsWith("OnboardingDailySummary ", StringComparison.Ordinal)).Order()];

    [Fact]
    public async Task AnOrganizationNeverSeenIsErasedAtOnceEveryTime()
    {
        var org = TestStorage.UniqueId();
        using var analyst = App.CreateClient().WithToken(TestTokens.Analyst());

        for (var i = 0; i < 2; i++)
        {
            using var response = await analyst.DeleteAsync($"/api/orgs/{org}/onboarding");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Empty(await StoredRows.OfOrganizationAsync(org));
    }

    [Fact]
    public async Task TheStatusSaysNotRequestedWhileDataIsHeld()
    {
        var org = TestStorage.UniqueId();
        using var admin = App.ClientFor(org);
        (await admin.PostAsync($"/api/orgs/{org}/onboarding/wizard/start", null)).EnsureSuccessStatusCode();

        var status = await (await admin.GetAsync($"/api/orgs/{org}/onboarding/erasure")).ReadJsonAsync();
        using var member = await App.ClientFor(org, OnboardingRoles.OrgMember).DeleteAsync($"/api/orgs/{org}/onboarding");

        Assert.Equal("not_requested", status.GetProperty("status").GetString());
        await member.AssertProblemAsync(403, "role_required");
        Assert.NotEmpty(await StoredRows.OfOrganizationAsync(org));
    }

    [Fact]
    public async Task OrganizationDeletedOnTheQueueErasesItAndLaterEventsStartFresh()
    {
        var org = TestStorage.UniqueId();
        var other = TestStorage.UniqueId();
        await OrganizationFootprint.WriteEverythingAsync(App, org);

        // One message: the other organization's event, events of ours before the deletion (erased with it), the deletion, one event after it.
        var before = TestEvents.Event(org, "event_created");
        var fresh = TestEvents.Event(org, "volunteer_added");
        await App.EventsQueue().SendMessageAsync(TestEvents.Batch(
        [
            TestEvents.Event(other, "volunteer_added"), before, TestEvents.Event(org, "organization_deleted"), fresh,
        ]));
        await App.DrainAsync();
        var rows = await IngestionApp.EventuallyAsync(() => StoredRows.OfOrganizationAsync(org),
            r => r.Count(x => x.RowKey.StartsWith("event|")) == 1 && r.Any(x => x.RowKey == "profile|activity"));

        Assert.Equal(["event|" + (string)fresh["id"]!, "profile|activity"], rows.Select(r => r.RowKey).Order().ToArray());
        Assert.Equal(1, rows.Single(r => r.RowKey == "profile|activity").GetInt64("Counter_volunteers"));
        Assert.Null(rows.Single(r => r.RowKey == "profile|activity").GetInt64("Counter_events"));
        Assert.Single(await StoredRows.EventsAsync(other));
        Assert.DoesNotContain(await OrganizationFootprint.RowsNamingAsync(org), r => r.StartsWith("SampleDataExpiry ") || r.Contains("|" + (string)before["id"]!));
        Assert.Empty((await App.PoisonQueue().PeekMessagesAsync()).Value);

        // Erased once more, then events again: counters from zero.
        using var admin = App.ClientFor(org);
        (await admin.DeleteAsync($"/api/orgs/{org}/onboarding")).EnsureSuccessStatusCode();
        Assert.Empty(await OrganizationFootprint.RowsNamingAsync(org));
        await App.EventsQueue().SendMessageAsync(TestEvents.Batch([TestEvents.Event(org, "volunteer_added")]));
        var again = await IngestionApp.EventuallyAsync(() => StoredRows.OfOrganizationAsync(org), r => r.Any(x => x.RowKey == "profile|activity"));
        Assert.Equal(1, again.Single(r => r.RowKey == "profile|activity").GetInt64("Counter_volunteers"));
        var overview = await (await admin.GetAsync($"/api/orgs/{org}/onboarding")).ReadJsonAsync();
        Assert.Equal("not_started", overview.GetProperty("wizard").GetProperty("status").GetString());
        Assert.Equal("none", overview.GetProperty("sampleData").GetProperty("status").GetString());
    }
}
