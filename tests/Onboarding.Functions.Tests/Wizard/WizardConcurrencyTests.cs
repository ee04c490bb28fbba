using System.Net;
using System.Text.Json;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Wizard;

public sealed class WizardConcurrencyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task FiftyConcurrentSubmissionsFromTwoInstancesEndConsistentWithEachAcceptedEventStoredOnce()
    {
        var org = TestStorage.UniqueId();
        await using var second = new OnboardingApplication();
        using var clientA = fixture.App.ClientFor(org);
        using var clientB = second.ClientFor(org);
        using var start = new ManualResetEventSlim();

        var submissions = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            var step = i % 5 + 1;
            var body = step == 1
                ? $$"""{"organizationName":"Name {{i}}","timezone":"Europe/Berlin"}"""
                : WizardApiTests.Steps[step - 1];
            start.Wait();
            using var response = await (i % 2 == 0 ? clientA : clientB).PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/{step}", JsonRequests.Json(body));
            return (response.StatusCode, Body: await response.ReadJsonAsync());
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(submissions);

        Assert.All(results, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{r.StatusCode}: {r.Body}"));
        Assert.All(results.Where(r => r.StatusCode == HttpStatusCode.Conflict),
            r => Assert.Equal("wizard_step_out_of_order", r.Body.GetProperty("code").GetString()));
        var accepted = results.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        var acceptedEventIds = accepted.SelectMany(r => r.Body.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)).ToList();

        var stored = await StoredRows.EventsAsync(org);
        Assert.Equal(acceptedEventIds.Order(), stored.Select(e => e.RowKey["event|".Length..]).Order());
        Assert.Single(stored, e => e.GetString("Type") == "wizard_started");
        var completedSteps = stored.Where(e => e.GetString("Type") == "wizard_step_completed").Select(e => e.GetInt32("WizardStepReached")!.Value).ToList();
        Assert.Equal(completedSteps.Distinct().Count(), completedSteps.Count);

        var state = (await StoredRows.StateAsync(org))!;
        var stepsWithData = Enumerable.Range(1, 5).Where(s => state.GetString($"WizardStep{s}Data") is not null).ToList();
        Assert.Equal(Enumerable.Range(1, stepsWithData.Count), stepsWithData);
        Assert.Equal(completedSteps.Order(), stepsWithData);
        Assert.Equal(stepsWithData.Count == 5, state.GetDateTimeOffset("WizardCompletedAt") is not null);
        var lastAcceptedStepOne = accepted.Select(r => r.Body.GetProperty("wizard").GetProperty("steps")[0].GetProperty("data"))
            .Where(d => d.ValueKind == JsonValueKind.Object).Select(d => d.GetProperty("organizationName").GetString());
        Assert.Contains(JsonDocument.Parse(state.GetString("WizardStep1Data")!).RootElement.GetProperty("organizationName").GetString(), lastAcceptedStepOne);
    }
}
