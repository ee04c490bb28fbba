using System.Net;
using System.Text.Json;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Wizard;

public sealed class WizardApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    internal static readonly string[] Steps =
    [
        """{"organizationName":"St. Mary's Choir","location":"Springfield","timezone":"Europe/Berlin"}""",
        """{"eventTitle":"Sunday service","eventDateTime":"2026-03-15T10:00"}""",
        """{"teamName":"Welcome team","teamRole":"Greeter"}""",
        """{"expectedVolunteers":25,"inviteChannel":"email"}""",
        """{"generateSampleData":false,"notificationPreference":"email"}""",
    ];

    [Fact]
    public async Task AnOrganizationThatNeverStartedReadsAsNotStartedAndNothingIsWritten()
    {
        var org = TestStorage.UniqueId();
        using var client = fixture.App.ClientFor(org);

        using var response = await client.GetAsync($"/api/orgs/{org}/onboarding/wizard");
        var wizard = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("not_started", wizard.GetProperty("status").GetString());
        Assert.Equal(1, wizard.GetProperty("currentStep").GetInt32());
        Assert.Equal(5, wizard.GetProperty("steps").GetArrayLength());
        Assert.Equal("organizationName", wizard.GetProperty("steps")[0].GetProperty("fields")[0].GetProperty("name").GetString());
        Assert.Empty(await StoredRows.OfOrganizationAsync(org));
    }

    [Fact]
    public async Task TheFullWizardWalkCompletesTheWizardAndStoresEveryEvent()
    {
        var org = TestStorage.UniqueId();
        using var client = fixture.App.ClientFor(org);
        var events = new List<string>();

        for (var step = 1; step <= 5; step++)
        {
            using var response = await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/{step}", JsonRequests.Json(Steps[step - 1]));
            var body = await response.ReadJsonAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            events.AddRange(body.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()!));
        }
        var wizard = await (await client.GetAsync($"/api/orgs/{org}/onboarding/wizard")).ReadJsonAsync();

        Assert.Equal("completed", wizard.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, wizard.GetProperty("currentStep").ValueKind);
        Assert.Equal("St. Mary's Choir", wizard.GetProperty("steps")[0].GetProperty("data").GetProperty("organizationName").GetString());
        Assert.Equal(["wizard_started", "wizard_step_completed", "wizard_step_completed", "wizard_step_completed", "wizard_step_completed",
            "wizard_step_completed", "wizard_completed", "checklist_task_completed"], events);
        var stored = await StoredRows.EventsAsync(org);
        Assert.Equal(events.Order(), stored.Select(e => e.GetString("Type")).Order());
        var state = await StoredRows.StateAsync(org);
        Assert.NotNull(state!.GetDateTimeOffset("WizardCompletedAt"));
    }

    [Fact]
    public async Task SubmittingStepThreeBeforeStepTwoIsAConflictAndChangesNothing()
    {
        var org = TestStorage.UniqueId();
        using var client = fixture.App.ClientFor(org);
        await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(Steps[0]));
        var before = await StoredRows.OfOrganizationAsync(org);

        using var response = await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/3", JsonRequests.Json(Steps[2]));

        var problem = await response.AssertProblemAsync(409, "wizard_step_out_of_order");
        Assert.Contains("current step is 2", problem.GetProperty("detail").GetString());
        await AssertUnchangedAsync(org, before);
    }

    [Fact]
    public async Task EditingAnEarlierStepKeepsTheLaterOnes()
    {
        var org = TestStorage.UniqueId();
        using var client = fixture.App.ClientFor(org);
        for (var step = 1; step <= 3; step++)
        {
            await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/{step}", JsonRequests.Json(Steps[step - 1]));
        }

        using var response = await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1",
            JsonRequests.Json("""{"organizationName":"Renamed","timezone":"Asia/Tokyo"}"""));
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, body.GetProperty("events").GetArrayLength());
        Assert.Equal(4, body.GetProperty("wizard").GetProperty("currentStep").GetInt32());
        Assert.Equal("Renamed", body.GetProperty("wizard").GetProperty("steps")[0].GetProperty("data").GetProperty("organizationName").GetString());
        Assert.Equal("""{"organizationName":"Renamed","timezone":"Asia/Tokyo"}""", (await StoredRows.StateAsync(org))!.GetString("WizardStep1Data"));
    }

    [Fact]
    public async Task SkippingRecordsTheStepAndTheEvent()
    {
        var org = TestStorage.UniqueId();
        using var client = fixture.App.ClientFor(org);
        await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(Steps[0]));

        using var response = await client.PostAsync($"/api/orgs/{org}/onboarding/wizard/skip", null);
        var body = await response.ReadJsonAsync();
        using var again = await client.PostAsync($"/api/orgs/{org}/onboarding/wizard/skip", null);

        Assert.Equal("skipped", body.GetProperty("wizard").GetProperty("status").GetString());
        Assert.Equal(2, body.GetProperty("wizard").GetProperty("droppedAtStep").GetInt32());
        Assert.Equal(2, body.GetProperty("events")[0].GetProperty("wizardStepDropped").GetInt32());
        await again.AssertProblemAsync(409, "wizard_already_skipped");
        Assert.Single(await StoredRows.EventsAsync(org), e => e.GetString("Type") == "wizard_skipped");
    }

    [Fact]
    public async Task ResetStartsTheWizardOver()
    {
        var org = TestStorage.UniqueId();
        using var client = fixture.App.ClientFor(org);
        await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(Steps[0]));

        using var response = await client.PostAsync($"/api/orgs/{org}/onboarding/reset", null);
        var wizard = await (await client.GetAsync($"/api/orgs/{org}/onboarding/wizard")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("not_started", wizard.GetProperty("status").GetString());
        Assert.Null((await StoredRows.StateAsync(org))!.GetString("WizardStep1Data"));
    }

    [Fact]
    public async Task StartingMarksTheWizardOpenedOnce()
    {
        var org = TestStorage.UniqueId();
        using var client = fixture.App.ClientFor(org);

        var first = await (await client.PostAsync($"/api/orgs/{org}/onboarding/wizard/start", null)).ReadJsonAsync();
        var second = await (await client.PostAsync($"/api/orgs/{org}/onboarding/wizard/start", null)).ReadJsonAsync();

        Assert.Equal("wizard_started", first.GetProperty("events")[0].GetProperty("type").GetString());
        Assert.Equal(0, second.GetProperty("events").GetArrayLength());
        Assert.Single(await StoredRows.EventsAsync(org));
    }

    [Fact]
    public async Task AStaleIfMatchIsRefusedWith412AndTheCurrentOneIsAccepted()
    {
        var org = TestStorage.UniqueId();
        using var client = fixture.App.ClientFor(org);
        using var first = await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(Steps[0]));
        var staleETag = first.Headers.ETag!.ToString();
        using var second = await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/2", JsonRequests.Json(Steps[1]));
        var before = await StoredRows.OfOrganizationAsync(org);

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/orgs/{org}/onboarding/wizard/steps/3") { Content = JsonRequests.Json(Steps[2]) };
        stale.Headers.TryAddWithoutValidation("If-Match", staleETag);
        using var refused = await client.SendAsync(stale);
        await refused.AssertProblemAsync(412, "precondition_failed");
        await AssertUnchangedAsync(org, before);

        using var current = new HttpRequestMessage(HttpMethod.Put, $"/api/orgs/{org}/onboarding/wizard/steps/3") { Content = JsonRequests.Json(Steps[2]) };
        current.Headers.TryAddWithoutValidation("If-Match", second.Headers.ETag!.ToString());
        using var accepted = await client.SendAsync(current);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.NotEqual(second.Headers.ETag!.ToString(), accepted.Headers.ETag!.ToString());
    }

    internal static async Task AssertUnchangedAsync(string org, IReadOnlyList<TableEntity> before)
    {
        var after = await StoredRows.OfOrganizationAsync(org);
        Assert.Equal(before.Select(r => (r.RowKey, r.ETag)).OrderBy(r => r.RowKey), after.Select(r => (r.RowKey, r.ETag)).OrderBy(r => r.RowKey));
    }
}
