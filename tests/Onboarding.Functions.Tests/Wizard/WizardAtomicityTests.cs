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
        await using var app = new OnboardingApplication()
            .WithServices(s => s.AddSingleton(TestStorage.Options(o => o.AddPolicy(failBatches, HttpPipelinePosition.PerCall))));
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
    public async Task WhenTheDailyProjectionFailsTheChangeStandsAndTheSweepProjectsItsEventsLater()
    {
        var org = TestStorage.UniqueId();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var dailyDown = new StorageFault(StorageFault.TransactionsContaining("/OnboardingDaily"), failOnMatch: 0);
        await using var app = new OnboardingApplication()
            .WithServices(s => s
                .AddSingleton<TimeProvider>(clock)
                .AddSingleton(TestStorage.Options(o => o.AddPolicy(dailyDown, HttpPipelinePosition.PerCall))));
        using var client = app.ClientFor(org);

        using var response = await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(WizardApiTests.Steps[0]));
        var events = (await response.ReadJsonAsync()).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
        var projectedWhileDown = await DailyRowsAsync(org, clock);
        dailyDown.Armed = false;
        using var tooEarly = await RunSweepAsync(app);
        var projectedTooEarly = await DailyRowsAsync(org, clock);
        clock.Advance(TimeSpan.FromMinutes(2));
        using var sweep = await RunSweepAsync(app);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(dailyDown.Fired);
        Assert.NotEmpty(events);
        Assert.Equal(events.Count, (await StoredRows.EventsAsync(org)).Count);
        Assert.Empty(projectedWhileDown);
        Assert.Empty(projectedTooEarly);
        Assert.Equal(System.Net.HttpStatusCode.OK, sweep.StatusCode);
        Assert.Equal(events.Order(), (await DailyRowsAsync(org, clock)).Select(r => r.RowKey[(r.RowKey.LastIndexOf('|') + 1)..]).Order());
        Assert.DoesNotContain(await TestStorage.Tables().GetTableClient(OnboardingStorage.PendingProjectionsTable).QueryAsync().ToListAsync(),
            r => r.RowKey.StartsWith(org + "|", StringComparison.Ordinal));
    }

    private static async Task<List<TableEntity>> DailyRowsAsync(string org, TimeProvider clock)
    {
        var day = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd");
        var rows = await TestStorage.Tables().GetTableClient(OnboardingStorage.DailyTable)
            .QueryAsync(TableFilter.Create($"PartitionKey ge {day} and PartitionKey lt {day + "~"}")).ToListAsync();
        return [.. rows.Where(r => r.RowKey.Contains($"|{org}|", StringComparison.Ordinal))];
    }

    /// <summary>Fires the sweep the way the Functions host does: POST /ProjectPendingEvents with a timer payload.</summary>
    private static async Task<HttpResponseMessage> RunSweepAsync(OnboardingApplication app)
    {
        using var client = app.CreateClient();
        const string payload = """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{}}""";
        return await client.PostAsync("/ProjectPendingEvents", JsonRequests.Json(payload));
    }
}
