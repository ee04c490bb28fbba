using System.Net;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Tutorials;

public sealed class TutorialsApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task AllFiveTutorialsAreListedBeforeAnyIsStarted()
    {
        var org = TestStorage.UniqueId();
        using var member = fixture.App.ClientFor(org, "org_member");

        var view = await (await member.GetAsync($"/api/orgs/{org}/onboarding/tutorials")).ReadJsonAsync();

        Assert.Equal([("events_intro", 4), ("teams_setup", 3), ("availability_management", 5), ("solver_run", 6), ("schedule_export", 3)],
            view.GetProperty("tutorials").EnumerateArray().Select(t => (t.GetProperty("tutorialId").GetString(), t.GetProperty("totalSteps").GetInt32())));
        Assert.All(view.GetProperty("tutorials").EnumerateArray(), t => Assert.Equal("not_started", t.GetProperty("status").GetString()));
        Assert.Empty(await StoredRows.OfOrganizationAsync(org));
    }

    [Fact]
    public async Task AMemberWalksATutorialAndItsEventsAreStoredWithTheChange()
    {
        var org = TestStorage.UniqueId();
        using var member = fixture.App.ClientFor(org, "org_member");

        var started = await (await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/teams_setup/start", null)).ReadJsonAsync();
        using var progress = await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/teams_setup/progress", JsonRequests.Json("""{"stepsCompleted":2}"""));
        var completed = await (await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/teams_setup/complete", null)).ReadJsonAsync();

        Assert.Equal("tutorial_started", started.GetProperty("events")[0].GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
        Assert.Equal("tutorial_completed", completed.GetProperty("events")[0].GetProperty("type").GetString());
        var tutorial = completed.GetProperty("tutorials").EnumerateArray().Single(t => t.GetProperty("tutorialId").GetString() == "teams_setup");
        Assert.Equal((1, 5), (completed.GetProperty("completedCount").GetInt32(), completed.GetProperty("totalCount").GetInt32()));
        Assert.Equal(("completed", 3), (tutorial.GetProperty("status").GetString(), tutorial.GetProperty("stepsCompleted").GetInt32()));
        var rows = await StoredRows.OfOrganizationAsync(org);
        Assert.Contains(rows, r => r.RowKey == "profile|tutorial|teams_setup" && r.GetDateTimeOffset("CompletedAt") is not null);
        Assert.Equal(2, rows.Count(r => r.GetString("Type") is "tutorial_started" or "tutorial_completed"));
    }

    [Fact]
    public async Task ProgressBeyondTheTotalIs422()
    {
        var org = TestStorage.UniqueId();
        using var member = fixture.App.ClientFor(org, "org_member");
        await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/events_intro/start", null);

        using var response = await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/events_intro/progress", JsonRequests.Json("""{"stepsCompleted":5}"""));

        await response.AssertProblemAsync(422, "tutorial_progress_beyond_total");
    }

    [Fact]
    public async Task CompletingAfterASkipIsAConflictUntilTheTutorialIsStartedAgain()
    {
        var org = TestStorage.UniqueId();
        using var member = fixture.App.ClientFor(org, "org_member");
        await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/solver_run/start", null);
        using var skipped = await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/solver_run/skip", JsonRequests.Json("""{"stepReached":2}"""));

        using var refused = await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/solver_run/complete", null);
        var replay = await (await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/solver_run/start", null)).ReadJsonAsync();
        using var completed = await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/solver_run/complete", null);

        Assert.Equal(HttpStatusCode.OK, skipped.StatusCode);
        await refused.AssertProblemAsync(409, "tutorial_skipped");
        var tutorial = replay.GetProperty("tutorials").EnumerateArray().Single(t => t.GetProperty("tutorialId").GetString() == "solver_run");
        Assert.Equal(1, tutorial.GetProperty("replayCount").GetInt32());
        Assert.Equal(0, tutorial.GetProperty("stepsCompleted").GetInt32());
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
    }

    [Fact]
    public async Task ReplayingACompletedTutorialIncrementsTheReplayCount()
    {
        var org = TestStorage.UniqueId();
        using var member = fixture.App.ClientFor(org, "org_member");
        for (var run = 0; run < 3; run++)
        {
            await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/schedule_export/start", null);
            await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/schedule_export/complete", null);
        }

        var view = await (await member.GetAsync($"/api/orgs/{org}/onboarding/tutorials")).ReadJsonAsync();

        var tutorial = view.GetProperty("tutorials").EnumerateArray().Single(t => t.GetProperty("tutorialId").GetString() == "schedule_export");
        Assert.Equal(2, tutorial.GetProperty("replayCount").GetInt32());
        Assert.Equal(3, (await StoredRows.EventsAsync(org)).Count(e => e.GetString("Type") == "tutorial_completed"));
    }

    [Theory]
    [InlineData("start")]
    [InlineData("complete")]
    [InlineData("skip")]
    public async Task AnUnknownTutorialIs404(string action)
    {
        var org = TestStorage.UniqueId();
        using var member = fixture.App.ClientFor(org, "org_member");

        using var response = await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/juggling/{action}", null);

        await response.AssertProblemAsync(404, "tutorial_not_found");
    }

    [Theory]
    [InlineData("""{"stepsCompleted":"two"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"stepsCompleted":-1}""")]
    public async Task MalformedProgressIs400(string body)
    {
        var org = TestStorage.UniqueId();
        using var member = fixture.App.ClientFor(org, "org_member");
        await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/events_intro/start", null);

        using var response = await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/events_intro/progress", JsonRequests.Json(body));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("stepsCompleted", out _));
    }

    [Theory]
    [InlineData("[]", "body")]
    [InlineData("\"two\"", "body")]
    [InlineData("5", "body")]
    [InlineData("true", "body")]
    [InlineData("null", "body")]
    [InlineData("""{"stepReached":"two"}""", "stepReached")]
    [InlineData("""{"stepReached":2,"reason":"bored"}""", "reason")]
    public async Task ASkipBodyThatIsNotAnObjectWithStepReachedIs400AndChangesNothing(string body, string field)
    {
        var org = TestStorage.UniqueId();
        using var member = fixture.App.ClientFor(org, "org_member");
        (await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/solver_run/start", null)).EnsureSuccessStatusCode();
        var before = await StoredRows.OfOrganizationAsync(org);

        using var response = await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/solver_run/skip", JsonRequests.Json(body));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}'");
        Assert.Equal(before.Select(r => (r.RowKey, r.ETag)), (await StoredRows.OfOrganizationAsync(org)).Select(r => (r.RowKey, r.ETag)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    [InlineData("""{"stepReached":null}""")]
    [InlineData("""{"stepReached":2}""")]
    public async Task ASkipWithNoBodyOrAnObjectIsAccepted(string? body)
    {
        var org = TestStorage.UniqueId();
        using var member = fixture.App.ClientFor(org, "org_member");
        (await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/solver_run/start", null)).EnsureSuccessStatusCode();

        using var response = await member.PostAsync($"/api/orgs/{org}/onboarding/tutorials/solver_run/skip", body is null ? null : JsonRequests.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
