using System.Net;
using System.Text.Json;
using Onboarding.Functions.Tests.Events;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Races;

/// <summary>
/// Eight callers change one organization at once through two instances: every race ends in one
/// consistent outcome, never a 5xx, and the stored events are exactly the ones the answers reported.
/// </summary>
public sealed class RaceTests(RaceApps apps) : IClassFixture<RaceApps>
{
    private const int Callers = 8;

    private static string Url(string org, string rest) => $"/api/orgs/{org}/onboarding{rest}";

    [Fact]
    public async Task RacingSubmissionsOfTheSameStepAllSucceedAndCompleteItOnce()
    {
        var org = await OrganizationAsync(steps: 1);
        var before = await EventIdsAsync(org);

        var answers = await apps.RaceAsync(org, Callers, (client, _) => client.PutAsync(Url(org, "/wizard/steps/2"), JsonRequests.Json(Wizard.WizardApiTests.Steps[1])));

        Assert.All(answers, a => Assert.True(a.Is(HttpStatusCode.OK), a.ToString()));
        var events = await AssertStoredEventsAreTheReportedOnesAsync(org, before, answers);
        Assert.Single(events, e => e.GetString("Type") == "wizard_step_completed" && e.GetInt32("WizardStepReached") == 2);
    }

    [Fact]
    public async Task RacingWizardStartsRecordOneStart()
    {
        var org = TestStorage.UniqueId("race");

        var answers = await apps.RaceAsync(org, Callers, (client, _) => client.PostAsync(Url(org, "/wizard/start"), null));

        AssertEachIs(answers, HttpStatusCode.OK, HttpStatusCode.Conflict);
        var events = await AssertStoredEventsAreTheReportedOnesAsync(org, [], answers);
        Assert.Single(events, e => e.GetString("Type") == "wizard_started");
    }

    [Fact]
    public async Task RacingWizardSkipsRecordOneSkipAndRefuseTheRestCleanly()
    {
        var org = await OrganizationAsync(steps: 1);
        var before = await EventIdsAsync(org);

        var answers = await apps.RaceAsync(org, Callers, (client, _) => client.PostAsync(Url(org, "/wizard/skip"), null));

        AssertEachIs(answers, HttpStatusCode.OK, HttpStatusCode.Conflict);
        Assert.Single(answers, a => a.Is(HttpStatusCode.OK) && a.EventIds.Any());
        var events = await AssertStoredEventsAreTheReportedOnesAsync(org, before, answers);
        Assert.Equal(2, Assert.Single(events, e => e.GetString("Type") == "wizard_skipped").GetInt32("WizardStepDropped"));
    }

    [Fact]
    public async Task RacingResetsLeaveTheWizardStartedOverWithNoStepData()
    {
        var org = await OrganizationAsync(steps: 2);
        var before = await EventIdsAsync(org);

        var answers = await apps.RaceAsync(org, Callers, (client, _) => client.PostAsync(Url(org, "/reset"), null));

        AssertEachIs(answers, HttpStatusCode.OK, HttpStatusCode.Conflict);
        await AssertStoredEventsAreTheReportedOnesAsync(org, before, answers);
        var state = (await StoredRows.StateAsync(org))!;
        Assert.All(Enumerable.Range(1, 5), step => Assert.Null(state.GetString($"WizardStep{step}Data")));
        using var client = apps.First.ClientFor(org);
        var wizard = await (await client.GetAsync(Url(org, "/wizard"))).ReadJsonAsync();
        Assert.Equal(1, wizard.GetProperty("currentStep").GetInt32());
    }

    [Fact]
    public async Task RacingManualCompletionsCompleteTheTaskOnce()
    {
        var org = TestStorage.UniqueId("race");

        var answers = await apps.RaceAsync(org, Callers, (client, _) => client.PostAsync(Url(org, $"/checklist/{RaceApps.ManualTask}/complete"), null));

        AssertEachIs(answers, HttpStatusCode.OK, HttpStatusCode.Conflict);
        var events = await StoredRows.EventsAsync(org);
        Assert.Single(events, e => e.GetString("Type") == "checklist_task_completed" && e.GetString("Data")!.Contains(RaceApps.ManualTask));
        using var client = apps.Second.ClientFor(org);
        var checklist = await (await client.GetAsync(Url(org, "/checklist"))).ReadJsonAsync();
        Assert.True(checklist.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetString() == RaceApps.ManualTask).GetProperty("isCompleted").GetBoolean());
        // Like every change, the winning answer reports the event its change caused.
        await AssertStoredEventsAreTheReportedOnesAsync(org, [], answers);
    }

    [Fact]
    public async Task RacingShowAllChoicesEndShowingAllWithEachUnlockRecordedOnce()
    {
        var org = TestStorage.UniqueId("race");

        var answers = await apps.RaceAsync(org, Callers, (client, i) => client.PutAsync(Url(org, "/features"), JsonRequests.Json("""{"showAll":true}""")));

        AssertEachIs(answers, HttpStatusCode.OK);
        var events = await AssertStoredEventsAreTheReportedOnesAsync(org, [], answers);
        var unlocks = events.Where(e => e.GetString("Type") == "feature_unlocked").Select(e => e.GetString("Data")).ToList();
        Assert.Equal(unlocks.Distinct().Count(), unlocks.Count);
        using var client = apps.First.ClientFor(org);
        var features = await (await client.GetAsync(Url(org, "/features"))).ReadJsonAsync();
        Assert.True(features.GetProperty("showAll").GetBoolean(), features.ToString());
    }

    [Theory]
    [InlineData("start", "tutorial_started")]
    [InlineData("complete", "tutorial_completed")]
    [InlineData("skip", "tutorial_skipped")]
    public async Task RacingTutorialChangesRecordTheirEventOnce(string change, string eventType)
    {
        var org = TestStorage.UniqueId("race");
        if (change != "start")
        {
            using var member = apps.First.ClientFor(org, "org_member");
            (await member.PostAsync(Url(org, "/tutorials/solver_run/start"), null)).EnsureSuccessStatusCode();
        }
        var before = await EventIdsAsync(org);

        var answers = await apps.RaceAsync(org, Callers, (client, _) => client.PostAsync(Url(org, $"/tutorials/solver_run/{change}"), null), "org_member");

        AssertEachIs(answers, HttpStatusCode.OK, HttpStatusCode.Conflict);
        var events = await AssertStoredEventsAreTheReportedOnesAsync(org, before, answers);
        Assert.Single(events, e => e.GetString("Type") == eventType);
    }

    [Fact]
    public async Task RacingTutorialProgressNeverGoesBack()
    {
        var org = TestStorage.UniqueId("race");
        using var member = apps.First.ClientFor(org, "org_member");
        (await member.PostAsync(Url(org, "/tutorials/solver_run/start"), null)).EnsureSuccessStatusCode();
        var before = await EventIdsAsync(org);

        var answers = await apps.RaceAsync(org, Callers,
            (client, i) => client.PostAsync(Url(org, "/tutorials/solver_run/progress"), JsonRequests.Json($$"""{"stepsCompleted":{{i % 4 + 1}}}""")), "org_member");

        AssertEachIs(answers, HttpStatusCode.OK, HttpStatusCode.Conflict);
        await AssertStoredEventsAreTheReportedOnesAsync(org, before, answers);
        var tutorials = await (await member.GetAsync(Url(org, "/tutorials"))).ReadJsonAsync();
        var solver = FindTutorial(tutorials, "solver_run");
        Assert.Equal(4, solver.GetProperty("stepsCompleted").GetInt32());
    }

    [Fact]
    public async Task RacingGenerationsCreateOneCompleteSetAndRefuseTheRest()
    {
        var org = TestStorage.UniqueId("race");

        var answers = await apps.RaceAsync(org, Callers, (client, _) => client.PostAsync(Url(org, "/sample-data"), null));

        AssertEachIs(answers, HttpStatusCode.Created, HttpStatusCode.Conflict);
        var created = Assert.Single(answers, a => a.Is(HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.Is(HttpStatusCode.Conflict)), a => Assert.Equal("sample_data_active", a.Code));
        var events = await AssertStoredEventsAreTheReportedOnesAsync(org, [], answers);
        Assert.Single(events, e => e.GetString("Type") == "sample_data_generated");
        Assert.Equal(created.Body.GetProperty("status").GetProperty("itemCount").GetInt32(), (await StoredRows.SampleAsync(org)).Count);
        Assert.Single(await apps.IndexRowsAsync(org));
    }

    [Fact]
    public async Task RacingClearsRemoveTheWholeSetOnceWithoutServerErrors()
    {
        var org = TestStorage.UniqueId("race");
        using var admin = apps.First.ClientFor(org);
        // Three rounds of generate-then-race-clears: the losers' deletes interleave differently each time.
        for (var round = 0; round < 3; round++)
        {
            (await admin.PostAsync(Url(org, "/sample-data"), null)).EnsureSuccessStatusCode();
            var before = await EventIdsAsync(org);

            var answers = await apps.RaceAsync(org, Callers, (client, _) => client.DeleteAsync(Url(org, "/sample-data")));

            AssertEachIs(answers, HttpStatusCode.OK, HttpStatusCode.Conflict);
            Assert.Single(answers, a => a.Is(HttpStatusCode.OK) && a.EventIds.Any());
            var events = await AssertStoredEventsAreTheReportedOnesAsync(org, before, answers);
            Assert.Single(events, e => e.GetString("Type") == "sample_data_cleared");
            Assert.Empty(await StoredRows.SampleAsync(org));
            Assert.Equal("Cleared", (await StoredRows.StateAsync(org))!.GetString("SampleDataStatus"));
        }
    }

    [Fact]
    public async Task RacingGeneratesThenRacingClearsLeaveNoSampleRowBehind()
    {
        var org = TestStorage.UniqueId("race");
        using var admin = apps.First.ClientFor(org);
        for (var round = 0; round < 3; round++)
        {
            var generates = await apps.RaceAsync(org, 4, (client, _) => client.PostAsync(Url(org, "/sample-data"), null));
            var clears = await apps.RaceAsync(org, 6, (client, _) => client.DeleteAsync(Url(org, "/sample-data")));

            AssertEachIs(generates, HttpStatusCode.Created, HttpStatusCode.Conflict);
            Assert.Single(generates, a => a.Is(HttpStatusCode.Created));
            AssertEachIs(clears, HttpStatusCode.OK, HttpStatusCode.Conflict);
            Assert.Single(clears, a => a.Is(HttpStatusCode.OK));
            Assert.Empty(await StoredRows.SampleAsync(org));
            Assert.Equal("Cleared", (await StoredRows.StateAsync(org))!.GetString("SampleDataStatus"));
        }
        var export = await (await admin.GetAsync(Url(org, "/export"))).ReadJsonAsync();
        Assert.Equal(0, export.GetProperty("sampleData").GetArrayLength());
    }

    [Fact]
    public async Task RacingTrackingCallsAreEachStoredOnceAndCountedOnce()
    {
        var org = TestStorage.UniqueId("race");

        var answers = await apps.RaceAsync(org, Callers, (client, _) => client.PostAsync(Url(org, "/events"), JsonRequests.Json("""{"type":"view_reports"}""")), "org_member");

        AssertEachIs(answers, HttpStatusCode.Accepted);
        var reported = answers.SelectMany(a => a.EventIds).ToList();
        Assert.Equal(Callers, reported.Distinct().Count());
        var rows = await IngestionApp.EventuallyAsync(() => StoredRows.OfOrganizationAsync(org),
            r => r.Count(x => x.GetString("Type") == "view_reports") >= Callers && r.Any(x => x.RowKey == "profile|activity"));
        Assert.Equal(reported.Order(), rows.Where(r => r.GetString("Type") == "view_reports").Select(r => r.RowKey["event|".Length..]).Order());
        Assert.Equal(Callers, rows.Single(r => r.RowKey == "profile|activity").GetInt64("EventType_view_reports"));
        Assert.Single(rows, r => r.GetString("Type") == "checklist_task_completed" && r.GetString("Data")!.Contains("view_reports"));
    }

    private static JsonElement FindTutorial(JsonElement tutorials, string id)
    {
        var list = tutorials.ValueKind == JsonValueKind.Array ? tutorials : tutorials.GetProperty("tutorials");
        return list.EnumerateArray().Single(t => t.GetProperty("tutorialId").GetString() == id);
    }

    private static void AssertEachIs(IEnumerable<RaceAnswer> answers, params HttpStatusCode[] allowed) =>
        Assert.All(answers, a =>
        {
            Assert.True(allowed.Any(a.Is), $"Expected {string.Join(" or ", allowed.Select(s => (int)s))}, got {a}");
            if (a.Status >= 400)
            {
                Assert.Null(ProblemDocuments.Defect(a.Status, ProblemDocuments.MediaType, a.Text));
            }
        });

    /// <summary>The events stored since <paramref name="before"/> are exactly the ones the answers reported, each once.</summary>
    private static async Task<IReadOnlyList<Azure.Data.Tables.TableEntity>> AssertStoredEventsAreTheReportedOnesAsync(
        string org, IReadOnlyCollection<string> before, IEnumerable<RaceAnswer> answers)
    {
        var reported = answers.SelectMany(a => a.EventIds).ToList();
        var stored = (await StoredRows.EventsAsync(org)).Where(e => !before.Contains(e.RowKey)).ToList();
        Assert.Equal(reported.Distinct().Count(), reported.Count);
        Assert.Equal(reported.Order(StringComparer.Ordinal), stored.Select(e => e.RowKey["event|".Length..]).Order(StringComparer.Ordinal));
        return stored;
    }

    private static async Task<IReadOnlyCollection<string>> EventIdsAsync(string org) =>
        (await StoredRows.EventsAsync(org)).Select(e => e.RowKey).ToHashSet();

    private async Task<string> OrganizationAsync(int steps)
    {
        var org = TestStorage.UniqueId("race");
        using var admin = apps.First.ClientFor(org);
        for (var step = 1; step <= steps; step++)
        {
            (await admin.PutAsync(Url(org, $"/wizard/steps/{step}"), JsonRequests.Json(Wizard.WizardApiTests.Steps[step - 1]))).EnsureSuccessStatusCode();
        }
        return org;
    }
}
