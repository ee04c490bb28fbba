using System.Text.Json.Nodes;
using Onboarding.Domain.Events;
using Onboarding.Events.Tests.Infrastructure;

namespace Onboarding.Events.Tests;

/// <summary>What the publisher writes, the app's own parser (<see cref="EventMessageParser"/>) reads, every event valid and unchanged.</summary>
public sealed class CompatibilityTests
{
    [Fact]
    public void TheLibraryKnowsExactlyTheTypesTheAppKnowsOnTheDefaultCatalog()
    {
        var app = OnboardingEventTypes.Onboarding.Concat(OnboardingEventTypes.Activity).Concat(OnboardingEventTypes.Lifecycle)
            .Concat(AppReader.Catalog.Activity.Types).Order(StringComparer.Ordinal);
        Assert.Equal(app, EventTypes.All.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(EventMessageEncoding.Plain)]
    [InlineData(EventMessageEncoding.Base64)]
    public async Task EveryTypeWithEveryFieldIsReadByTheAppAsSent(EventMessageEncoding encoding)
    {
        var queueName = await TestQueues.NewQueueAsync();
        var events = EveryType("org-compat");
        Assert.Equal(EventTypes.All.Order(), events.Select(e => e.Type).Order());

        await using (var publisher = new OnboardingEventPublisher(TestQueues.ConnectionString, TestQueues.PublisherOptions(queueName, encoding)))
        {
            publisher.Publish(events);
        }

        var message = Assert.Single(await TestQueues.DrainAsync(queueName));
        Assert.Equal(encoding == EventMessageEncoding.Plain, message.StartsWith('{'));
        var parsed = EventMessageParser.Parse(message, DateTimeOffset.UtcNow, AppReader.Catalog, AppReader.Pseudonyms);
        Assert.Null(parsed.MessageError);
        Assert.Empty(parsed.Rejected);
        Assert.Equal(0, parsed.RedactedValues);
        Assert.Equal(events.Count, parsed.Valid.Count);
        foreach (var (sent, read) in events.Zip(parsed.Valid))
        {
            Assert.Equal(sent.Id, read.Id);
            Assert.Equal(sent.OrganizationId, read.OrganizationId);
            Assert.Equal(sent.Type, read.Type);
            Assert.Equal(sent.Timestamp, read.Timestamp);
            Assert.Equal(sent.Timestamp.Offset, read.Timestamp.Offset);
            Assert.Equal(sent.SessionId, read.SessionId);
            Assert.Equal(AppReader.Pseudonyms.User(sent.UserId!), read.UserKey);
            Assert.Equal((sent.Experiment, sent.Variant), (read.Experiment, read.Variant));
            Assert.Equal("note with ünïcödé <&> and 漢字 😀", read.DataString("note"));
            Assert.Equal(sent is SampleableActivityEvent { IsSample: true }, read.IsSample);
            switch (sent)
            {
                case WizardStepCompleted step:
                    Assert.Equal(step.StepReached, read.WizardStepReached);
                    Assert.Equal(step.StepDurationSeconds, read.StepDurationSeconds);
                    break;
                case WizardCompleted completed:
                    Assert.Equal(completed.CompletionTimeMinutes, read.CompletionTimeMinutes);
                    break;
                case WizardSkipped skipped:
                    Assert.Equal(skipped.StepDropped, read.WizardStepDropped);
                    break;
                case FeatureUnlocked feature:
                    Assert.Equal(feature.Feature, read.DataString("feature"));
                    break;
                case TutorialStarted or TutorialCompleted or TutorialSkipped:
                    Assert.Equal("first_event", read.DataString("tutorialId"));
                    break;
                case ChecklistTaskCompleted task:
                    Assert.Equal(task.TaskId, read.DataString("taskId"));
                    break;
                case ActivitySnapshot:
                    var counts = read.Data!["counts"]!.AsObject();
                    Assert.Equal("{\"events\":12,\"teams\":3,\"volunteers\":27,\"assignments\":140}", counts.ToJsonString());
                    break;
            }
        }
        // The client is passed as reduced; a raw user agent is reduced by the app.
        Assert.Equal(new Domain.Events.ClientInfo("Safari", "17", "iOS", "mobile"), parsed.Valid[0].Client);
        Assert.Equal("Edge", parsed.Valid[1].Client?.Browser);
    }

    private static List<OnboardingEvent> EveryType(string organization)
    {
        var at = new DateTimeOffset(2026, 3, 14, 10, 30, 0, 250, TimeSpan.FromHours(1));
        List<OnboardingEvent> events =
        [
            new WizardStarted(organization) { Client = new ClientInfo("Safari", "17", "iOS", "mobile") },
            new WizardStepCompleted(organization, 2, 42.5)
            {
                UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51",
            },
            new WizardCompleted(organization, 17.25),
            new WizardSkipped(organization, 3),
            new SampleDataGenerated(organization),
            new SampleDataCleared(organization),
            new TutorialStarted(organization, "first_event"),
            new TutorialCompleted(organization, "first_event"),
            new TutorialSkipped(organization, "first_event"),
            new FeatureUnlocked(organization, "recurring_events"),
            new VideoPlayed(organization),
            new VideoCompleted(organization),
            new ChecklistTaskCompleted(organization, "create_event"),
            new ViewReports(organization),
            new OnboardingDismissed(organization),
            new OrganizationCreated(organization),
            new EventCreated(organization) { IsSample = true },
            new TeamCreated(organization),
            new VolunteerAdded(organization) { IsSample = true },
            new AssignmentCreated(organization),
            new EventDeleted(organization),
            new TeamDeleted(organization) { IsSample = true },
            new VolunteerDeleted(organization),
            new AssignmentDeleted(organization),
            new ActivitySnapshot(organization, new ActivityCounts(12, 3, 27, 140)),
            new OrganizationDeleted(organization),
        ];
        return [.. events.Select((e, i) => e with
        {
            Id = $"svc.compat:{i:D3}",
            Timestamp = at.AddSeconds(i),
            SessionId = "sess-7f3a",
            UserId = "user|Ünïcödé 7",
            Experiment = "checklist-order",
            Variant = i % 2 == 0 ? "a" : "b",
            Data = new JsonObject { ["note"] = "note with ünïcödé <&> and 漢字 😀" },
        })];
    }
}
