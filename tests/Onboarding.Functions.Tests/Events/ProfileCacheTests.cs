using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Events;

/// <summary>The ingestion's cache of each organization's profile rows: it saves reads and never costs correctness.</summary>
public sealed class ProfileCacheTests
{
    [Fact]
    public async Task ASecondMessageForTheSameOrganizationNeedsNoReadBeforeItsTransaction()
    {
        var org = TestStorage.UniqueId();
        var recorder = new RequestRecorder();
        await using var app = await RecordingApp(recorder).StartedAsync();
        using var meters = new MeterRecorder(app.Services);

        await SendAndDrainAsync(app, org, 3);
        recorder.Clear();
        await SendAndDrainAsync(app, org, 4);

        Assert.Equal(7, await VolunteersAsync(org));
        Assert.Equal(0, recorder.Requests.Count(r => r.ReadsOrganization(org)));
        // The app's meter says so too (the benchmark reads it): one miss, then one hit; seven events stored by two messages.
        Assert.Equal((1, 1), (meters.Count("onboarding.profile_cache.lookups", "result", "miss"), meters.Count("onboarding.profile_cache.lookups", "result", "hit")));
        Assert.Equal(7, meters.Sum("onboarding.events.ingested", "outcome", "stored"));
        Assert.Equal(2, meters.Count("onboarding.ingestion.duration", "phase", "parse"));
    }

    [Fact]
    public async Task AWriteByAnotherInstanceMakesTheCachedRowsFailTheirTransactionAndTheRetryCountsExactly()
    {
        var org = TestStorage.UniqueId();
        var recorder = new RequestRecorder();
        await using var first = await RecordingApp(recorder).StartedAsync();
        await using var second = await new InProcessApp().StartedAsync();

        await SendAndDrainAsync(first, org, 2);
        await SendAndDrainAsync(second, org, 5);
        recorder.Clear();
        await SendAndDrainAsync(first, org, 3);

        Assert.Equal(10, await VolunteersAsync(org));
        Assert.Equal(10, (await StoredRows.OfOrganizationAsync(org)).Count(r => r.GetString("Type") == "volunteer_added"));
        // The cached rows were stale: their transaction was refused, then one fresh read and a transaction that held.
        Assert.Equal(1, recorder.Requests.Count(r => r.ReadsOrganization(org)));
        Assert.Empty((await first.PoisonQueue().PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task WithCapacityZeroEveryMessageReadsTheOrganization()
    {
        var org = TestStorage.UniqueId();
        var recorder = new RequestRecorder();
        await using var app = await RecordingApp(recorder).WithSetting("Ingestion:ProfileCacheCapacity", "0").StartedAsync();

        await SendAndDrainAsync(app, org, 1);
        await SendAndDrainAsync(app, org, 1);

        Assert.Equal(2, recorder.Requests.Count(r => r.ReadsOrganization(org)));
    }

    [Fact]
    public async Task AnOrganizationsFirstMessageStartingWithItsCreationIsStoredWithoutARead()
    {
        var org = TestStorage.UniqueId();
        var recorder = new RequestRecorder();
        await using var app = await RecordingApp(recorder).StartedAsync();
        using var meters = new MeterRecorder(app.Services);

        await app.EventsQueue().SendMessageAsync(TestEvents.Batch([TestEvents.Event(org, "organization_created"), TestEvents.Event(org, "volunteer_added")]));
        await app.DrainAsync();
        var rows = await StoredRows.OfOrganizationAsync(org);

        Assert.Equal(0, recorder.Requests.Count(r => r.ReadsOrganization(org)));
        Assert.Equal((1, 0), (meters.Count("onboarding.profile_cache.lookups", "result", "new"), meters.Count("onboarding.profile_cache.lookups", "result", "miss")));
        Assert.NotNull(rows.Single(r => r.RowKey == "profile|state").GetDateTimeOffset("SignedUpAt"));
        Assert.Equal(1, rows.Single(r => r.RowKey == "profile|activity").GetInt64("Counter_volunteers"));
    }

    [Theory]
    [InlineData("/tutorials/events_intro/start")]
    [InlineData("/wizard/steps/1")]
    public async Task AnOrganizationThatWroteBeforeItsCreationArrivedIsReadAfterAllAndKeepsWhatItWrote(string firstChange)
    {
        var org = TestStorage.UniqueId();
        var recorder = new RequestRecorder();
        await using var app = await RecordingApp(recorder).StartedAsync();
        using (var client = app.ClientFor(org))
        {
            var path = $"/api/orgs/{org}/onboarding{firstChange}";
            using var response = firstChange.StartsWith("/wizard", StringComparison.Ordinal)
                ? await client.PutAsync(path, JsonRequests.Json(Wizard.WizardApiTests.Steps[0]))
                : await client.PostAsync(path, null);
            Assert.True(response.IsSuccessStatusCode, $"{firstChange}: {(int)response.StatusCode}");
        }
        var before = (await StoredRows.OfOrganizationAsync(org)).Where(r => r.RowKey.StartsWith("profile|", StringComparison.Ordinal)).ToList();
        recorder.Clear();

        await app.EventsQueue().SendMessageAsync(TestEvents.Batch([TestEvents.Event(org, "organization_created"), TestEvents.Event(org, "volunteer_added")]));
        await app.DrainAsync();
        var after = await StoredRows.OfOrganizationAsync(org);

        // Planned as a new organization, its transaction was refused by the rows already there; then one read, and a transaction that held.
        Assert.Equal(1, recorder.Requests.Count(r => r.ReadsOrganization(org)));
        Assert.All(before.Where(r => r.RowKey.StartsWith("profile|tutorial", StringComparison.Ordinal)), row => Assert.Contains(after, r => r.RowKey == row.RowKey));
        var state = after.Single(r => r.RowKey == "profile|state");
        Assert.NotNull(state.GetDateTimeOffset("SignedUpAt"));
        Assert.Equal(before.SingleOrDefault(r => r.RowKey == "profile|state")?.GetString("WizardSteps"), state.GetString("WizardSteps"));
        Assert.Equal(1, after.Single(r => r.RowKey == "profile|activity").GetInt64("Counter_volunteers"));
        Assert.Empty((await app.PoisonQueue().PeekMessagesAsync()).Value);
    }

    private static InProcessApp RecordingApp(RequestRecorder recorder) =>
        new InProcessApp().WithServices(s => s.AddSingleton(TestStorage.Customize(o => o.AddPolicy(recorder, HttpPipelinePosition.PerCall))));

    private static async Task SendAndDrainAsync(InProcessApp app, string org, int volunteers)
    {
        await app.EventsQueue().SendMessageAsync(TestEvents.Batch(Enumerable.Range(0, volunteers).Select(_ => TestEvents.Event(org, "volunteer_added"))));
        await app.DrainAsync();
    }

    private static async Task<long?> VolunteersAsync(string org) =>
        (await StoredRows.OfOrganizationAsync(org)).Single(r => r.RowKey == "profile|activity").GetInt64("Counter_volunteers");

}
