using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Wizard;

public sealed class WizardAtomicityTests
{
    [Fact]
    public async Task AStateChangeAndItsEventsCommitTogetherOrNotAtAll()
    {
        var org = TestStorage.UniqueId();
        var failBatches = new StorageFault(StorageFault.AnyTransaction, failOnMatch: 0) { Armed = false };
        await using var app = new InProcessApp()
            .WithServices(s => s.AddSingleton(TestStorage.Customize(o => o.AddPolicy(failBatches, HttpPipelinePosition.PerCall))));
        using var client = app.ClientFor(org);
        (await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(WizardApiTests.Steps[0]))).EnsureSuccessStatusCode();
        var before = await StoredRows.OfOrganizationAsync(org);

        failBatches.Armed = true;
        using var failed = await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/2", JsonRequests.Json(WizardApiTests.Steps[1]));
        failBatches.Armed = false;

        await failed.AssertProblemAsync(503, "storage_unavailable");
        await WizardApiTests.AssertUnchangedAsync(org, before);

        using var retried = await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/2", JsonRequests.Json(WizardApiTests.Steps[1]));
        var events = (await retried.ReadJsonAsync()).GetProperty("events");
        var stored = await StoredRows.OfOrganizationAsync(org);
        Assert.Equal(1, events.GetArrayLength());
        Assert.Contains(stored, r => r.RowKey == "event|" + events[0].GetProperty("id").GetString());
        Assert.NotNull(stored.Single(r => r.RowKey == "profile|state").GetString("WizardStep2Data"));
    }

    [Fact]
    public async Task AChangeWhoseTransactionReplyWasLostAndThatTheSdkSentAgainIsStoredOnceWithOneEvent()
    {
        var org = TestStorage.UniqueId();
        var lost = new LostReply(message => StorageFault.TransactionsContaining(org)(message) && !StorageFault.TransactionsContaining("/OnboardingDaily")(message));
        await using var app = new InProcessApp()
            .WithServices(s => s.AddSingleton(TestStorage.Customize(o => o.AddPolicy(lost, HttpPipelinePosition.PerRetry))));
        using var client = app.ClientFor(org);

        using var response = await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(WizardApiTests.Steps[0]));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(lost.Fired, "no reply was lost");
        var stored = await StoredRows.OfOrganizationAsync(org);
        Assert.Single(stored, r => r.GetString("Type") == "wizard_step_completed");
        Assert.NotNull(stored.Single(r => r.RowKey == "profile|state").GetString("WizardStep1Data"));
    }

    [Fact]
    public async Task WhenTheDailyProjectionFailsTheChangeStandsAndTheSweepProjectsItsEventsLater()
    {
        var org = TestStorage.UniqueId();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var day = clock.GetUtcNow();
        var dailyDown = new StorageFault(StorageFault.TransactionsContaining("/OnboardingDaily"), failOnMatch: 0);
        await using var app = new InProcessApp()
            .WithServices(s => s
                .AddSingleton<TimeProvider>(clock)
                .AddSingleton(TestStorage.Customize(o => o.AddPolicy(dailyDown, HttpPipelinePosition.PerCall))));
        using var client = app.ClientFor(org);

        using var response = await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(WizardApiTests.Steps[0]));
        var events = (await response.ReadJsonAsync()).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
        var projectedWhileDown = await StoredRows.ProjectedEventIdsAsync(org, day);
        dailyDown.Armed = false;
        using var tooEarly = await app.RunProjectionSweepAsync();
        var projectedTooEarly = await StoredRows.ProjectedEventIdsAsync(org, day);
        clock.Advance(TimeSpan.FromMinutes(2));
        using var sweep = await app.RunProjectionSweepAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(dailyDown.Fired);
        Assert.NotEmpty(events);
        Assert.Equal(events.Count, (await StoredRows.EventsAsync(org)).Count);
        Assert.Empty(projectedWhileDown);
        Assert.Empty(projectedTooEarly);
        Assert.Equal(System.Net.HttpStatusCode.OK, sweep.StatusCode);
        Assert.Equal(events.Order(), (await StoredRows.ProjectedEventIdsAsync(org, day)).Order());
        Assert.DoesNotContain(await TestStorage.Tables().GetTableClient(OnboardingStorage.PendingProjectionsTable).QueryAsync<TableEntity>().ToListAsync(),
            r => r.RowKey.StartsWith(org + "|", StringComparison.Ordinal));
    }
}
