using System.Text.Json.Nodes;
using Onboarding.Domain.Activity;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using static Onboarding.Domain.Tests.Events.EventSamples;

namespace Onboarding.Domain.Tests.Events;

public sealed class EventTypeRuleTests
{
    [Fact]
    public void AValidSnapshotSetsTheActivityCounters()
    {
        var e = Validate(Snapshot(new JsonObject { ["teams"] = 2, ["volunteers"] = 0 })).Event;

        Assert.NotNull(e);
        var counters = ActivityCounters.Empty.Apply(e, DefaultCatalog.Catalog.Activity);
        Assert.Equal((2L, 0L, 0L), (counters.Counter("teams"), counters.Counter("volunteers"), counters.Counter("events")));
        Assert.Equal(e.Timestamp, counters.SnapshotAt);
    }

    [Theory]
    [InlineData("{}", "data.counts: needs one or more of events, teams, volunteers, assignments")]
    [InlineData("""{"teams": -1}""", "data.counts.teams: expected a whole number of at least 0")]
    [InlineData("""{"teams": 2.5}""", "data.counts.teams: expected a whole number of at least 0")]
    [InlineData("""{"teams": "2"}""", "data.counts.teams: expected a whole number of at least 0")]
    [InlineData("""{"teams": 2, "rooms": 1}""", "data.counts.rooms: not a counter (use events, teams, volunteers, assignments)")]
    [InlineData("[2]", "data.counts: required for activity_snapshot events (an object with one or more of events, teams, volunteers, assignments)")]
    public void ASnapshotNeedsKnownNonNegativeWholeCountsAndNothingElse(string counts, string problem)
    {
        var result = Validate(Snapshot(JsonNode.Parse(counts)!));

        Assert.Null(result.Event);
        Assert.Contains(problem, result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void ASnapshotWithoutDataNamesTheCountsItNeeds()
    {
        var result = Validate(EventOfType(OnboardingEventTypes.ActivitySnapshot));

        Assert.Equal("data.counts", Assert.Single(result.Problems).Field);
    }

    [Theory]
    [InlineData(OnboardingEventTypes.FeatureUnlocked, "feature")]
    [InlineData(OnboardingEventTypes.TutorialStarted, "tutorialId")]
    [InlineData(OnboardingEventTypes.TutorialCompleted, "tutorialId")]
    [InlineData(OnboardingEventTypes.TutorialSkipped, "tutorialId")]
    [InlineData(OnboardingEventTypes.ChecklistTaskCompleted, "taskId")]
    public void EventsThatNameSomethingCarryItsIdInData(string type, string key)
    {
        var withoutData = Validate(EventOfType(type));
        var withNumber = Validate(EventOfType(type).With("data", new JsonObject { [key] = 7 }));
        var withEmpty = Validate(EventOfType(type).With("data", new JsonObject { [key] = "" }));
        var withId = Validate(EventOfType(type).With("data", new JsonObject { [key] = "teams_setup" }));

        Assert.Equal($"data.{key}: required for {type} events (a non-empty string)", Assert.Single(withoutData.Problems).ToString());
        Assert.Equal($"data.{key}", Assert.Single(withNumber.Problems).Field);
        Assert.Equal($"data.{key}", Assert.Single(withEmpty.Problems).Field);
        Assert.Equal("teams_setup", withId.Event?.DataString(key));
    }

    [Fact]
    public void ADataProblemIsNotReportedTwiceAsAMissingKey()
    {
        var result = Validate(EventOfType(OnboardingEventTypes.FeatureUnlocked).With("data", "recurring_events"));

        Assert.Equal([new EventProblem("data", "expected a JSON object")], result.Problems);
    }

    [Theory]
    [InlineData("event_created")]
    [InlineData("team_deleted")]
    [InlineData("volunteer_added")]
    [InlineData("assignment_deleted")]
    public void CreationAndDeletionActivityMayBeSampleData(string type)
    {
        var e = Validate(EventOfType(type).With("isSample", true)).Event;

        Assert.True(e?.IsSample);
    }

    [Theory]
    [InlineData(OnboardingEventTypes.OrganizationCreated)]
    [InlineData(OnboardingEventTypes.ViewReports)]
    [InlineData(OnboardingEventTypes.WizardStarted)]
    public void OtherEventsCannotBeSampleData(string type)
    {
        var result = Validate(EventOfType(type).With("isSample", true));

        Assert.Equal("isSample", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void ASampleSnapshotIsRefusedAlongsideItsOtherProblems()
    {
        var result = Validate(EventOfType(OnboardingEventTypes.ActivitySnapshot).With("isSample", true));

        Assert.Equal(["data.counts", "isSample"], result.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DataOfExactly8192BytesIsAcceptedAndOneMoreIsNot()
    {
        // {"note":"…"} is 11 bytes around the text.
        var atLimit = Validate(StepCompleted().With("data", new JsonObject { ["note"] = new string('a', 8192 - 11) }));
        var overLimit = Validate(StepCompleted().With("data", new JsonObject { ["note"] = new string('a', 8192 - 10) }));

        Assert.True(atLimit.IsValid);
        Assert.Equal([new EventProblem("data", "larger than 8192 bytes as compact UTF-8 JSON")], overLimit.Problems);
    }

    [Fact]
    public void DataSizeCountsNonAsciiTextInUtf8BytesNotEscapes()
    {
        // 4000 × "é" is 8000 UTF-8 bytes, but 24000 bytes written as \u00E9 escapes.
        var result = Validate(StepCompleted().With("data", new JsonObject { ["note"] = new string('é', 4000) }));

        Assert.True(result.IsValid);
    }

    [Fact]
    public void DataSurvivesTheDocumentItWasReadFrom()
    {
        var e = Validate(EventOfType(OnboardingEventTypes.FeatureUnlocked).With("data", new JsonObject { ["feature"] = "recurring_events", ["level"] = 3 })).Event;

        Assert.NotNull(e);
        Assert.Equal("""{"feature":"recurring_events","level":3}""", e.Data!.ToJsonString());
        Assert.Equal(3, e.DataNumber("level"));
    }
}
