using System.Text.Json.Nodes;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Events;

/// <summary>The queue function over a real queue, driven by the local trigger driver, storing in Azurite.</summary>
public sealed class IngestionTests : IngestionAppTest
{
    [Fact]
    public async Task EachEventTypeIsStoredWithItsFields()
    {
        var org = TestStorage.UniqueId();
        var events = new List<JsonObject>
        {
            TestEvents.Event(org, "wizard_started", "e-started", e => { e["sessionId"] = "s-1"; e["userAgent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"; }),
            TestEvents.Event(org, "wizard_step_completed", "e-step", e => { e["wizardStepReached"] = 2; e["stepDurationSeconds"] = 42.5; }),
            TestEvents.Event(org, "wizard_completed", "e-completed", e => e["completionTimeMinutes"] = 12.25),
            TestEvents.Event(org, "wizard_skipped", "e-skipped", e => e["wizardStepDropped"] = 3),
            TestEvents.Event(org, "sample_data_generated", "e-sample-gen", e => e["data"] = new JsonObject { ["events"] = 5 }),
            TestEvents.Event(org, "sample_data_cleared", "e-sample-clear", e => e["data"] = new JsonObject { ["ageDays"] = 3.5 }),
            TestEvents.Event(org, "tutorial_started", "e-tut-start", e => e["data"] = new JsonObject { ["tutorialId"] = "events_intro" }),
            TestEvents.Event(org, "tutorial_completed", "e-tut-done", e => e["data"] = new JsonObject { ["tutorialId"] = "events_intro" }),
            TestEvents.Event(org, "tutorial_skipped", "e-tut-skip", e => e["data"] = new JsonObject { ["tutorialId"] = "solver_run" }),
            TestEvents.Event(org, "feature_unlocked", "e-feature", e => e["data"] = new JsonObject { ["feature"] = "recurring_events" }),
            TestEvents.Event(org, "video_played", "e-video", e => e["data"] = new JsonObject { ["videoId"] = "intro", ["contact"] = "ping me at someone@example.org" }),
            TestEvents.Event(org, "video_completed", "e-video-done"),
            TestEvents.Event(org, "checklist_task_completed", "e-task", e => e["data"] = new JsonObject { ["taskId"] = "add_team" }),
            TestEvents.Event(org, "view_reports", "e-reports"),
            TestEvents.Event(org, "onboarding_dismissed", "e-dismissed"),
            TestEvents.Event(org, "organization_created", "e-org"),
            TestEvents.Event(org, "event_created", "e-ev"),
            TestEvents.Event(org, "team_created", "e-team"),
            TestEvents.Event(org, "volunteer_added", "e-vol"),
            TestEvents.Event(org, "assignment_created", "e-asg"),
            TestEvents.Event(org, "event_deleted", "e-ev-del"),
            TestEvents.Event(org, "team_deleted", "e-team-del"),
            TestEvents.Event(org, "volunteer_deleted", "e-vol-del"),
            TestEvents.Event(org, "assignment_deleted", "e-asg-del"),
            TestEvents.Event(org, "activity_snapshot", "e-snap", e => e["data"] = new JsonObject { ["counts"] = new JsonObject { ["volunteers"] = 7 } }),
        };

        await App.EventsQueue().SendMessageAsync(TestEvents.Batch(events));
        var stored = await IngestionApp.EventuallyAsync(() => StoredRows.EventsAsync(org), rows => rows.Count >= events.Count);

        var byId = stored.ToDictionary(r => r.RowKey["event|".Length..]);
        Assert.Equal(OnboardingEventTypes.Onboarding.Count + OnboardingEventTypes.Activity.Count + DefaultCatalog.Catalog.Activity.Types.Count(),
            events.Select(e => (string)e["type"]!).Distinct().Count());
        Assert.All(events, e => Assert.Equal((string)e["type"]!, byId[(string)e["id"]!].GetString("Type")));
        Assert.Equal(("Chrome", "124", "Windows", "desktop"), (byId["e-started"].GetString("Browser"), byId["e-started"].GetString("BrowserVersion"),
            byId["e-started"].GetString("OperatingSystem"), byId["e-started"].GetString("DeviceClass")));
        Assert.Equal("s-1", byId["e-started"].GetString("SessionId"));
        Assert.DoesNotContain(byId["e-started"].Keys, k => k.Contains("UserAgent", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2, byId["e-step"].GetInt32("WizardStepReached"));
        Assert.Equal(42.5, byId["e-step"].GetDouble("StepDurationSeconds"));
        Assert.Equal(12.25, byId["e-completed"].GetDouble("CompletionTimeMinutes"));
        Assert.Equal(3, byId["e-skipped"].GetInt32("WizardStepDropped"));
        Assert.Equal(TestEvents.At.UtcTicks, byId["e-ev"].GetDateTimeOffset("OccurredAt")!.Value.UtcTicks);
        Assert.Equal("""{"tutorialId":"events_intro"}""", byId["e-tut-start"].GetString("Data"));
        Assert.Contains("[redacted-email]", byId["e-video"].GetString("Data"));
        Assert.DoesNotContain("someone@example.org", byId["e-video"].GetString("Data"));
    }

    [Fact]
    public async Task AMessageDeliveredThreeTimesStoresAndCountsItsEventsOnce()
    {
        var org = TestStorage.UniqueId();
        var message = TestEvents.Batch(
        [
            TestEvents.Event(org, "volunteer_added"), TestEvents.Event(org, "volunteer_added"), TestEvents.Event(org, "event_created"),
            TestEvents.Event(org, "view_reports"),
        ]);

        for (var delivery = 0; delivery < 3; delivery++)
        {
            await App.EventsQueue().SendMessageAsync(message);
        }
        await App.DrainAsync();
        await Task.Delay(300);

        var rows = await StoredRows.OfOrganizationAsync(org);
        var activity = rows.Single(r => r.RowKey == "profile|activity");
        Assert.Equal(4, rows.Count(r => r.RowKey.StartsWith("event|") && r.GetString("Type") is "volunteer_added" or "event_created" or "view_reports"));
        Assert.Equal(2, activity.GetInt64("Counter_volunteers"));
        Assert.Equal(1, activity.GetInt64("Counter_events"));
        Assert.Equal(1, activity.GetInt64("EventType_view_reports"));
        Assert.Equal(2, activity.GetInt64("EventType_checklist_task_completed"));
    }

    [Fact]
    public async Task ABatchOf250EventsForThreeOrganizationsLandsExactly()
    {
        var orgs = new[] { TestStorage.UniqueId(), TestStorage.UniqueId(), TestStorage.UniqueId() };
        var shares = new[] { 130, 80, 40 };
        var events = orgs.SelectMany((org, i) => Enumerable.Range(0, shares[i]).Select(n => TestEvents.Event(org, n % 3 == 0 ? "team_created" : "volunteer_added"))).ToList();

        await App.EventsQueue().SendMessageAsync(TestEvents.Batch(events));
        await App.DrainAsync();

        for (var i = 0; i < orgs.Length; i++)
        {
            var rows = await IngestionApp.EventuallyAsync(() => StoredRows.OfOrganizationAsync(orgs[i]),
                r => r.Count(x => x.GetString("Type") is "team_created" or "volunteer_added") == shares[i]);
            var activity = rows.Single(r => r.RowKey == "profile|activity");
            var teams = Enumerable.Range(0, shares[i]).Count(n => n % 3 == 0);
            Assert.Equal(teams, activity.GetInt64("Counter_teams"));
            Assert.Equal(shares[i] - teams, activity.GetInt64("Counter_volunteers"));
        }
    }

    [Theory]
    [InlineData("""{"version":1,"events":[{"id":"x","type":"no_such_type"},{"organizationId":"org-1"}]}""")]
    [InlineData("this is not JSON and not base64 either!")]
    [InlineData("""{"version":2,"events":[]}""")]
    [InlineData("""{"version":1,"events":[{"id":"lone-\ud800","organizationId":"org-1","type":"team_created","timestamp":"2026-03-01T10:00:00Z"}]}""")]
    [InlineData("""{"version":1,"\udfff":1,"events":[{"id":"a","organizationId":"org-1","type":"team_created","timestamp":"2026-03-01T10:00:00Z"}]}""")]
    public async Task AMessageWithNothingValidGoesIntactToThePoisonQueueOnTheFirstAttempt(string text)
    {
        await App.EventsQueue().SendMessageAsync(text);

        var poisoned = await IngestionApp.EventuallyAsync(async () => (await App.PoisonQueue().PeekMessagesAsync(32)).Value, m => m.Length > 0);

        Assert.Equal(text, Assert.Single(poisoned).MessageText);
        await App.DrainAsync();
        Assert.Empty((await App.EventsQueue().PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task InABatchValidEventsAreStoredAndInvalidOnesSkipped()
    {
        var org = TestStorage.UniqueId();
        var good = TestEvents.Event(org, "team_created", "good-1");
        var bad = TestEvents.Event(org, "team_created", "bad-1", e => e["wizardStepReached"] = 9);

        await App.EventsQueue().SendMessageAsync(TestEvents.Batch([good, bad]));
        await App.DrainAsync();

        var events = await IngestionApp.EventuallyAsync(() => StoredRows.EventsAsync(org), r => r.Count > 0);
        Assert.Contains(events, e => e.RowKey == "event|good-1");
        Assert.DoesNotContain(events, e => e.RowKey == "event|bad-1");
        Assert.Empty((await App.PoisonQueue().PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task AnEventWithAnUnpairedSurrogateIsRejectedAndItsNeighboursAreStoredOnTheFirstAttempt()
    {
        var org = TestStorage.UniqueId();
        var good = TestEvents.Event(org, "team_created", "good-neighbour").ToJsonString();
        var bad = TestEvents.Event(org, "video_played", "bad-text").ToJsonString().Replace("}", ""","data":{"title":"x\ud800y"}}""");

        await App.EventsQueue().SendMessageAsync($$"""{"version":1,"events":[{{good}},{{bad}}]}""");
        var events = await IngestionApp.EventuallyAsync(() => StoredRows.EventsAsync(org), r => r.Count > 0, TimeSpan.FromSeconds(4));
        await App.DrainAsync();

        Assert.Contains(events, e => e.RowKey == "event|good-neighbour");
        Assert.DoesNotContain(events, e => e.RowKey == "event|bad-text" || e.GetString("Type") == "video_played");
        Assert.Empty((await App.PoisonQueue().PeekMessagesAsync()).Value);
        Assert.Empty((await App.EventsQueue().PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task BothBase64AndPlainJsonBodiesAreAccepted()
    {
        var org = TestStorage.UniqueId();

        await App.EventsQueue().SendMessageAsync(TestStorage.Base64(TestEvents.Event(org, "team_created", "from-base64").ToJsonString()));
        await App.EventsQueue().SendMessageAsync(TestEvents.Event(org, "team_created", "from-plain").ToJsonString());

        var events = await IngestionApp.EventuallyAsync(() => StoredRows.EventsAsync(org), r => r.Count(e => e.GetString("Type") == "team_created") >= 2);
        Assert.Equal(["event|from-base64", "event|from-plain"], events.Where(e => e.GetString("Type") == "team_created").Select(e => e.RowKey).Order());
    }

    [Fact]
    public async Task ActivityCountersAreCreationsMinusDeletionsAndASnapshotOverridesThem()
    {
        var org = TestStorage.UniqueId();
        var first = Enumerable.Range(0, 5).Select(_ => TestEvents.Event(org, "volunteer_added"))
            .Concat(Enumerable.Range(0, 2).Select(_ => TestEvents.Event(org, "volunteer_deleted")))
            .Append(TestEvents.Event(org, "volunteer_added", more: e => e["isSample"] = true))
            .Append(TestEvents.Event(org, "event_deleted"));

        await App.EventsQueue().SendMessageAsync(TestEvents.Batch(first));
        await App.DrainAsync();
        var afterDeltas = await ActivityAsync(org, a => a.GetInt64("Counter_volunteers") == 3);

        await App.EventsQueue().SendMessageAsync(TestEvents.Batch([TestEvents.Event(org, "activity_snapshot",
            more: e => e["data"] = new JsonObject { ["counts"] = new JsonObject { ["volunteers"] = 40, ["events"] = 12 } })]));
        var afterSnapshot = await ActivityAsync(org, a => a.GetInt64("Counter_volunteers") == 40);

        Assert.Equal(0, afterDeltas.GetInt64("Counter_events") ?? 0);
        Assert.Equal(12, afterSnapshot.GetInt64("Counter_events"));
    }

    private static async Task<TableEntity> ActivityAsync(string org, Func<TableEntity, bool> done)
    {
        var rows = await IngestionApp.EventuallyAsync(() => StoredRows.OfOrganizationAsync(org),
            r => r.FirstOrDefault(x => x.RowKey == "profile|activity") is { } a && done(a));
        return rows.Single(r => r.RowKey == "profile|activity");
    }
}
