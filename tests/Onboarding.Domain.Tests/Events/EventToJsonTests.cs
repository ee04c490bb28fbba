using System.Text.Json.Nodes;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using static Onboarding.Domain.Tests.Events.EventSamples;

namespace Onboarding.Domain.Tests.Events;

public sealed class EventToJsonTests
{
    [Fact]
    public void ABatchMessageOfEventsIsParsedBackIntoTheSameEvents()
    {
        var now = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var events = new[]
        {
            new OnboardingEvent("a-1", "org-1", OnboardingEventTypes.ViewReports, now.AddMinutes(-1)),
            new OnboardingEvent("a-2", "org-2", "volunteer_added", now.AddMinutes(-2), IsSample: true),
        };

        var parsed = EventMessageParser.Parse(EventContract.ToBatchMessage(events), now, DefaultCatalog.Catalog);

        Assert.Null(parsed.MessageError);
        Assert.Empty(parsed.Rejected);
        Assert.Equal(events.Select(e => (e.Id, e.OrganizationId, e.Type, e.Timestamp, e.IsSample)),
            parsed.Valid.Select(e => (e.Id, e.OrganizationId, e.Type, e.Timestamp, e.IsSample)));
    }

    [Fact]
    public void AnEventWrittenToJsonReadsBackTheSame()
    {
        var original = new OnboardingEvent(
            "evt-7", "org-42", OnboardingEventTypes.WizardSkipped, new DateTimeOffset(2026, 3, 14, 10, 15, 30, 125, TimeSpan.FromHours(-5)),
            SessionId: "sess-1",
            Client: new ClientInfo(ClientBrowsers.Safari, "17", ClientOperatingSystems.IPadOs, ClientDeviceClasses.Tablet),
            WizardStepReached: 3,
            WizardStepDropped: 4,
            StepDurationSeconds: 12.75,
            CompletionTimeMinutes: 61,
            Data: new JsonObject { ["reason"] = "later", ["tags"] = new JsonArray("a", "b") });

        var read = Validate(EventContract.ToJson(original)).Event;

        Assert.NotNull(read);
        Assert.Equal(original with { Data = null }, read with { Data = null });
        Assert.Equal(original.Timestamp.Offset, read.Timestamp.Offset);
        Assert.True(JsonNode.DeepEquals(original.Data, read.Data));
    }

    [Fact]
    public void FieldsAtTheirDefaultsAreLeftOut()
    {
        var e = new OnboardingEvent("evt-8", "org-42", OnboardingEventTypes.ViewReports, new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero));

        var json = EventContract.ToJson(e);

        Assert.Equal(["id", "organizationId", "type", "timestamp"], json.Select(p => p.Key));
        Assert.Equal("2026-03-14T09:00:00.0000000+00:00", json["timestamp"]!.GetValue<string>());
    }

    [Fact]
    public void SampleActivityIsWrittenAsSample()
    {
        var e = new OnboardingEvent("evt-9", "org-42", "team_created", Now, IsSample: true);

        var json = EventContract.ToJson(e);

        Assert.True(json["isSample"]!.GetValue<bool>());
        Assert.True(Validate(json).Event?.IsSample);
    }

    [Fact]
    public void WritingDoesNotDetachTheEventsOwnData()
    {
        var data = new JsonObject { ["feature"] = "recurring_events" };
        var e = new OnboardingEvent("evt-10", "org-42", OnboardingEventTypes.FeatureUnlocked, Now, Data: data);

        var first = EventContract.ToJson(e);
        first["data"]!["feature"] = "changed";
        var second = EventContract.ToJson(e);

        Assert.Equal("recurring_events", e.DataString("feature"));
        Assert.Equal("recurring_events", second["data"]!["feature"]!.GetValue<string>());
    }
}
