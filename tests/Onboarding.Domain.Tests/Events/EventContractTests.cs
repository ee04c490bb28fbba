using System.Text.Json.Nodes;
using Onboarding.Domain.Activity;
using Onboarding.Domain.Events;
using static Onboarding.Domain.Tests.Events.EventSamples;

namespace Onboarding.Domain.Tests.Events;

public sealed class EventContractTests
{
    [Fact]
    public void AWellFormedEventIsAcceptedWithEveryField()
    {
        var json = StepCompleted()
            .With("timestamp", "2026-03-14T10:00:00.250+01:00")
            .With("sessionId", "sess-9")
            .With("stepDurationSeconds", 42.5)
            .With("completionTimeMinutes", 0)
            .With("data", new JsonObject { ["stepKey"] = "teams" });

        var result = Validate(json);

        Assert.Empty(result.Problems);
        var e = Assert.IsType<OnboardingEvent>(result.Event);
        Assert.Equal(("evt-1", "org-42", OnboardingEventTypes.WizardStepCompleted), (e.Id, e.OrganizationId, e.Type));
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 10, 0, 0, 250, TimeSpan.FromHours(1)), e.Timestamp);
        Assert.Equal(TimeSpan.FromHours(1), e.Timestamp.Offset);
        Assert.Equal(("sess-9", 2, 42.5, 0.0), (e.SessionId, e.WizardStepReached, e.StepDurationSeconds, e.CompletionTimeMinutes));
        Assert.Equal("teams", e.DataString("stepKey"));
        Assert.False(e.IsSample);
    }

    [Fact]
    public void AnEventTimestampedTwoDaysAheadIsRejected()
    {
        var result = Validate(StepCompleted().With("timestamp", "2026-03-16T09:30:00Z"));

        Assert.Null(result.Event);
        Assert.Contains(result.Problems, p => p.Field == "timestamp" && p.Message.Contains("absurdly far in the future"));
    }

    [Theory]
    [InlineData("2026-03-15T09:30:00Z", true)]
    [InlineData("2026-03-15T09:30:01Z", false)]
    [InlineData("2026-03-15T10:30:00+01:00", true)]
    public void ClockSkewIsToleratedUpToADayAhead(string timestamp, bool accepted)
    {
        var result = Validate(StepCompleted().With("timestamp", timestamp));

        Assert.Equal(accepted, result.IsValid);
    }

    [Fact]
    public void AnEventFromBeforeTheYear2000IsRejected()
    {
        var result = Validate(StepCompleted().With("timestamp", "1999-12-31T23:59:59Z"));

        Assert.Equal([new EventProblem("timestamp", "before 2000-01-01")], result.Problems);
    }

    [Theory]
    [InlineData("2026-03-14T09:00:00")]
    [InlineData("2026-03-14")]
    [InlineData("14.03.2026 09:00 +01:00")]
    [InlineData("2026-03-14T09:00:00Z\n")]
    [InlineData("2026-13-14T09:00:00Z")]
    [InlineData("1710406800")]
    public void ATimestampThatIsNotIsoWithAnOffsetIsRejected(string timestamp)
    {
        var result = Validate(StepCompleted().With("timestamp", timestamp));

        Assert.Equal("timestamp", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void AnUnknownFieldIsRejectedByName()
    {
        var result = Validate(StepCompleted().With("colour", "blue"));

        Assert.Null(result.Event);
        Assert.Equal([new EventProblem("colour", "unknown field")], result.Problems);
    }

    [Fact]
    public void FieldNamesAreCaseSensitive()
    {
        var result = Validate(StepCompleted().Without("organizationId").With("OrganizationId", "org-42"));

        Assert.Equal(["OrganizationId: unknown field", "organizationId: required"], result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void AnUnknownFieldNamedByAnEmailAddressIsNotEchoed()
    {
        var result = Validate(StepCompleted().With("ann@example.org", 1));

        var problem = Assert.Single(result.Problems);
        Assert.DoesNotContain("ann@example.org", problem.ToString());
        Assert.Equal("[redacted-email]: unknown field", problem.ToString());
    }

    [Fact]
    public void EveryProblemOfAnEventIsReportedNotJustTheFirst()
    {
        var json = new JsonObject
        {
            ["id"] = "has space",
            ["type"] = "wizard_exploded",
            ["timestamp"] = "yesterday",
            ["isSample"] = "yes",
            ["extra"] = true,
        };

        var result = Validate(json);

        Assert.Equal(["extra", "id", "isSample", "organizationId", "timestamp", "type"], result.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("id", "42")]
    [InlineData("organizationId", "true")]
    [InlineData("type", "[\"wizard_started\"]")]
    [InlineData("timestamp", "1710406800")]
    [InlineData("sessionId", "7")]
    [InlineData("userAgent", "{}")]
    [InlineData("client", "\"Chrome\"")]
    [InlineData("wizardStepReached", "\"2\"")]
    [InlineData("wizardStepReached", "2.5")]
    [InlineData("stepDurationSeconds", "\"12\"")]
    [InlineData("completionTimeMinutes", "false")]
    [InlineData("isSample", "1")]
    [InlineData("data", "[1, 2]")]
    [InlineData("data", "\"text\"")]
    public void AFieldOfTheWrongJsonTypeIsRejectedNamingTheField(string field, string jsonValue)
    {
        var json = StepCompleted().With(field, JsonNode.Parse(jsonValue));

        var result = Validate(json);

        Assert.Null(result.Event);
        Assert.Equal(field, Assert.Single(result.Problems).Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-leading-dash")]
    [InlineData("slash/inside")]
    [InlineData("hash#inside")]
    [InlineData("question?")]
    [InlineData("tab\tinside")]
    [InlineData("trailing-newline\n")]
    [InlineData("ünïcode")]
    public void AnIdThatCannotBePartOfARowKeyIsRejected(string id)
    {
        var result = Validate(StepCompleted(id));

        Assert.Equal("id", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void AnIdOfAHundredCharactersIsTheLongestAccepted()
    {
        Assert.True(Validate(StepCompleted(new string('a', 100))).IsValid);
        Assert.False(Validate(StepCompleted(new string('a', 101))).IsValid);
    }

    [Fact]
    public void IdsMayCarryColonsAndDotsButOrganizationIdsNoColons()
    {
        Assert.True(Validate(StepCompleted("svc.events:2026-03-14:0001")).IsValid);

        var result = Validate(StepCompleted().With("organizationId", "org:42"));

        Assert.Equal("organizationId", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void AMissingRequiredFieldIsNamed()
    {
        var result = Validate(StepCompleted().Without("id").Without("timestamp"));

        Assert.Equal(["id: required", "timestamp: required"], result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void AnUnknownEventTypeIsRejected()
    {
        var result = Validate(StepCompleted().With("type", "wizard_step_finished"));

        Assert.Equal([new EventProblem("type", "not a known event type")], result.Problems);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void AWizardStepOutsideTheWizardIsRejected(int step)
    {
        var result = Validate(StepCompleted().With("wizardStepReached", step));

        Assert.Equal([new EventProblem("wizardStepReached", "expected a whole number from 1 to 5")], result.Problems);
    }

    [Fact]
    public void AStepCompletedEventWithoutTheStepReachedIsRejected()
    {
        var result = Validate(StepCompleted().Without("wizardStepReached"));

        Assert.Equal([new EventProblem("wizardStepReached", "required for wizard_step_completed events")], result.Problems);
    }

    [Fact]
    public void AWizardSkipNeedsTheStepWhereItWasDropped()
    {
        var skip = EventOfType(OnboardingEventTypes.WizardSkipped);

        Assert.Equal("wizardStepDropped", Assert.Single(Validate(skip).Problems).Field);
        Assert.Equal(3, Validate(skip.With("wizardStepDropped", 3)).Event?.WizardStepDropped);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1e400")]
    public void NegativeOrInfiniteDurationsAreRejected(string seconds)
    {
        var result = Validate(StepCompleted().With("stepDurationSeconds", JsonNode.Parse(seconds)));

        Assert.Equal([new EventProblem("stepDurationSeconds", "expected a finite number of at least 0")], result.Problems);
    }

    [Fact]
    public void NullOnAnOptionalFieldMeansAbsent()
    {
        var json = StepCompleted().With("sessionId", null).With("isSample", null).With("data", null).With("userAgent", null);

        var e = Validate(json).Event;

        Assert.NotNull(e);
        Assert.Equal((null, false, null, null), (e.SessionId, e.IsSample, e.Data, e.Client));
    }

    [Fact]
    public void NullOnARequiredFieldIsMissing()
    {
        var result = Validate(StepCompleted().With("organizationId", null));

        Assert.Equal([new EventProblem("organizationId", "required")], result.Problems);
    }

    [Fact]
    public void ARepeatedFieldIsRejected()
    {
        var result = ValidateText("""{"id":"evt-1","organizationId":"org-42","type":"view_reports","timestamp":"2026-03-14T09:00:00Z","isSample":false,"isSample":true}""");

        Assert.Equal([new EventProblem("isSample", "appears more than once")], result.Problems);
    }

    [Fact]
    public void ARepeatedKeyInsideDataIsRejectedWithItsPath()
    {
        var result = ValidateText("""{"id":"evt-1","organizationId":"org-42","type":"feature_unlocked","timestamp":"2026-03-14T09:00:00Z","data":{"feature":"a","meta":{"k":1,"k":2}}}""");

        Assert.Equal([new EventProblem("data.meta.k", "appears more than once")], result.Problems);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("2", false)]
    [InlineData("\"1\"", false)]
    public void AnEventMayNameItsContractVersionWhichMustBeOne(string version, bool accepted)
    {
        var result = Validate(StepCompleted().With("version", JsonNode.Parse(version)));

        Assert.Equal(accepted, result.IsValid);
        Assert.Equal(accepted ? [] : ["version"], result.Problems.Select(p => p.Field));
    }

    [Fact]
    public void ANonObjectIsNotAnEvent()
    {
        var result = ValidateText("[1]");

        Assert.Equal([new EventProblem("event", "expected a JSON object")], result.Problems);
    }

    [Fact]
    public void ProblemsBecomeAValidationErrorPerField()
    {
        var result = Validate(StepCompleted().With("wizardStepReached", 9).With("colour", "blue"));

        var error = result.ToValidationFailed();

        Assert.Equal(["colour", "wizardStepReached"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["expected a whole number from 1 to 5"], error.Errors["wizardStepReached"]);
    }

    [Fact]
    public void AValidEventComesBackScrubbedWithItsCount()
    {
        var json = EventOfType(OnboardingEventTypes.TutorialCompleted)
            .With("data", new JsonObject { ["tutorialId"] = "teams_setup", ["feedback"] = "mail me at ann@example.org", ["phone"] = "555-1234" });

        var result = Validate(json);

        Assert.Equal(2, result.RedactedValues);
        Assert.Equal("""{"tutorialId":"teams_setup","feedback":"mail me at [redacted-email]","phone":"[redacted-phone]"}""", result.Event?.Data?.ToJsonString());
    }
}
