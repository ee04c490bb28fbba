using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Functions.Tests.Events;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Checklist;

/// <summary>Product activity through the real queue function completes tasks and unlocks features.</summary>
public sealed class ChecklistEndToEndTests : IngestionAppTest
{
    [Fact]
    public async Task ActivityCompletesTheRightTasksAndUnlocksTheRightFeatures()
    {
        var org = TestStorage.UniqueId();
        var activity = Enumerable.Range(0, 5).Select(_ => TestEvents.Event(org, "event_created"))
            .Concat(Enumerable.Range(0, 3).Select(_ => TestEvents.Event(org, "volunteer_added")))
            .Append(TestEvents.Event(org, "team_created"));

        await App.EventsQueue().SendMessageAsync(TestEvents.Batch(activity));
        await App.DrainAsync();
        using var client = App.ClientFor(org);
        var checklist = await IngestionApp.EventuallyAsync(async () => await (await client.GetAsync($"/api/orgs/{org}/onboarding/checklist")).ReadJsonAsync(),
            c => c.GetProperty("completedCount").GetInt32() == 3);
        var features = await (await client.GetAsync($"/api/orgs/{org}/onboarding/features")).ReadJsonAsync();

        Assert.Equal(["add_team", "create_first_event", "invite_volunteers"], CompletedTasks(checklist));
        Assert.Equal(50, checklist.GetProperty("percent").GetInt32());
        var volunteers = checklist.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "invite_volunteers");
        Assert.Equal((3, 3), (volunteers.GetProperty("progress").GetProperty("current").GetInt32(), volunteers.GetProperty("progress").GetProperty("target").GetInt32()));
        Assert.Equal(["recurring_events"], features.GetProperty("unlocked").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        var sms = features.GetProperty("locked").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "sms_notifications");
        Assert.Equal(7, sms.GetProperty("remaining").GetInt32());
        var stored = await StoredRows.EventsAsync(org);
        Assert.Equal(3, stored.Count(e => e.GetString("Type") == "checklist_task_completed"));
        var unlock = stored.Single(e => e.GetString("Type") == "feature_unlocked");
        Assert.Equal("""{"feature":"recurring_events","milestone":"events","threshold":5,"currentCount":5}""", unlock.GetString("Data"));
    }

    [Fact]
    public async Task SampleActivityCompletesNothing()
    {
        var org = TestStorage.UniqueId();
        var sample = new[] { "event_created", "team_created", "volunteer_added", "volunteer_added", "volunteer_added", "assignment_created" }
            .Select(type => TestEvents.Event(org, type, more: e => e["isSample"] = true));

        await App.EventsQueue().SendMessageAsync(TestEvents.Batch(sample));
        await App.DrainAsync();
        await IngestionApp.EventuallyAsync(() => StoredRows.EventsAsync(org), r => r.Count == 6);
        using var client = App.ClientFor(org);
        var checklist = await (await client.GetAsync($"/api/orgs/{org}/onboarding/checklist")).ReadJsonAsync();

        Assert.Empty(CompletedTasks(checklist));
        Assert.Equal(0, checklist.GetProperty("percent").GetInt32());
        Assert.DoesNotContain(await StoredRows.EventsAsync(org), e => e.GetString("Type") is "checklist_task_completed" or "feature_unlocked");
    }

    [Fact]
    public async Task ViewReportsSentThroughTheTrackingEndpointCompletesItsTask()
    {
        var org = TestStorage.UniqueId();
        using var client = App.ClientFor(org, "org_member");
        using var admin = App.ClientFor(org);

        using var tracked = await client.PostAsync($"/api/orgs/{org}/onboarding/events", JsonRequests.Json("""{"type":"view_reports"}"""));
        var checklist = await IngestionApp.EventuallyAsync(async () => await (await admin.GetAsync($"/api/orgs/{org}/onboarding/checklist")).ReadJsonAsync(),
            c => c.GetProperty("completedCount").GetInt32() == 1);

        Assert.Equal(HttpStatusCode.Accepted, tracked.StatusCode);
        Assert.Equal(["view_reports"], CompletedTasks(checklist));
    }

    [Fact]
    public async Task OnlyManualTasksCanBeCompletedByHand()
    {
        var org = TestStorage.UniqueId();
        using var admin = App.ClientFor(org);

        using var automatic = await admin.PostAsync($"/api/orgs/{org}/onboarding/checklist/add_team/complete", null);
        using var unknown = await admin.PostAsync($"/api/orgs/{org}/onboarding/checklist/fly_to_the_moon/complete", null);

        await automatic.AssertProblemAsync(409, "checklist_task_not_manual");
        await unknown.AssertProblemAsync(404, "checklist_task_not_found");
        Assert.Empty(await StoredRows.OfOrganizationAsync(org));
    }

    [Fact]
    public async Task CompletedTasksAndUnlocksAreStoredExactlyOnceUnderConcurrentReadsAndIngestions()
    {
        var org = TestStorage.UniqueId();
        await using var second = IngestionApp.Create().WithSetting(Onboarding.Functions.Storage.EventsQueue.Setting, App.EventsQueueName);
        await second.StartedAsync();
        using var readerA = App.ClientFor(org);
        using var readerB = second.ClientFor(org);

        var work = new List<Task>();
        for (var i = 0; i < 20; i++)
        {
            work.Add(App.EventsQueue().SendMessageAsync(TestEvents.Batch([TestEvents.Event(org, "volunteer_added")])));
            var reader = i % 2 == 0 ? readerA : readerB;
            work.Add(reader.GetAsync($"/api/orgs/{org}/onboarding/checklist"));
            work.Add(reader.GetAsync($"/api/orgs/{org}/onboarding"));
        }
        await Task.WhenAll(work);
        await App.DrainAsync();
        var rows = await IngestionApp.EventuallyAsync(() => StoredRows.OfOrganizationAsync(org),
            r => r.FirstOrDefault(x => x.RowKey == "profile|activity")?.GetInt64("Counter_volunteers") == 20);
        await readerA.GetAsync($"/api/orgs/{org}/onboarding/checklist");

        var events = await StoredRows.EventsAsync(org);
        Assert.Single(events, e => e.GetString("Type") == "checklist_task_completed" && e.GetString("Data")!.Contains("invite_volunteers"));
        Assert.Single(events, e => e.GetString("Type") == "feature_unlocked" && e.GetString("Data")!.Contains("sms_notifications"));
        Assert.Equal(20, events.Count(e => e.GetString("Type") == "volunteer_added"));
    }

    [Fact]
    public async Task ShowAllFeaturesIsAnAdminToggle()
    {
        var org = TestStorage.UniqueId();
        using var admin = App.ClientFor(org);
        using var member = App.ClientFor(org, "org_member");

        using var on = await admin.PutAsync($"/api/orgs/{org}/onboarding/features", JsonRequests.Json("""{"showAll":true}"""));
        using var refused = await member.PutAsync($"/api/orgs/{org}/onboarding/features", JsonRequests.Json("""{"showAll":false}"""));
        using var invalid = await admin.PutAsync($"/api/orgs/{org}/onboarding/features", JsonRequests.Json("""{"showAll":"yes"}"""));
        var features = await (await member.GetAsync($"/api/orgs/{org}/onboarding/features")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        var answer = await on.ReadJsonAsync();
        Assert.True(answer.GetProperty("features").GetProperty("showAll").GetBoolean());
        Assert.All(answer.GetProperty("features").GetProperty("locked").EnumerateArray(), f => Assert.True(f.GetProperty("visible").GetBoolean()));
        Assert.Equal(JsonValueKind.Array, answer.GetProperty("events").ValueKind);
        await refused.AssertProblemAsync(403, "role_required");
        await invalid.AssertProblemAsync(400, "validation_failed");
        Assert.True(features.GetProperty("showAll").GetBoolean());
        Assert.True((await StoredRows.StateAsync(org))!.GetBoolean("FeaturesShowAll"));
    }

    private static List<string> CompletedTasks(JsonElement checklist) => checklist.GetProperty("tasks").EnumerateArray()
        .Where(t => t.GetProperty("isCompleted").GetBoolean()).Select(t => t.GetProperty("id").GetString()!).Order().ToList();
}
