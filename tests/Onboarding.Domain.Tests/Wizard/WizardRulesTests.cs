using System.Text.Json;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;
using Onboarding.Domain.Wizard;

namespace Onboarding.Domain.Tests.Wizard;

public sealed class WizardRulesTests
{
    private static readonly OnboardingCatalog Catalog = DefaultCatalog.Catalog;
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    internal static readonly Dictionary<int, string> ValidData = new()
    {
        [1] = """{"organizationName":"St. Mary's Choir","location":"Springfield","timezone":"Europe/Berlin"}""",
        [2] = """{"eventTitle":"Sunday service","eventDateTime":"2026-03-15T10:00"}""",
        [3] = """{"teamName":"Welcome team","teamRole":"Greeter"}""",
        [4] = """{"expectedVolunteers":25,"inviteChannel":"email"}""",
        [5] = """{"generateSampleData":false,"notificationPreference":"email"}""",
    };

    [Fact]
    public void SubmittingTheFirstStepStartsTheWizardAndCompletesTheStep()
    {
        var change = Submit(New(), 1, at: T0);

        Assert.Equal([OnboardingEventTypes.WizardStarted, OnboardingEventTypes.WizardStepCompleted], change.Events.Select(e => e.Type));
        Assert.Equal(T0, change.After.State.Wizard.StartedAt);
        Assert.Equal(2, change.After.State.Wizard.CurrentStep(5));
        Assert.Equal(1, change.Events[1].WizardStepReached);
        Assert.All(change.Events, e => Assert.Equal("org-1", e.OrganizationId));
    }

    [Fact]
    public void StartingTwiceCausesOneEvent()
    {
        var first = WizardRules.Start(New(), T0);
        var second = WizardRules.Start(first.After, T0.AddMinutes(5));

        Assert.Single(first.Events);
        Assert.Empty(second.Events);
        Assert.Equal(T0, second.After.State.Wizard.StartedAt);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void SubmittingAStepBeforeTheEarlierOnesIsAConflict(int step)
    {
        var result = WizardRules.SubmitStep(New(), Catalog, step, Json(ValidData[step]), T0, SystemTimeZones.Instance);

        var conflict = Assert.IsType<ConflictError>(result.Error);
        Assert.Equal("wizard_step_out_of_order", conflict.Code);
        Assert.Contains("current step is 1", conflict.Message);
    }

    [Fact]
    public void SubmittingStepThreeBeforeStepTwoIsAConflict()
    {
        var afterOne = Submit(New(), 1, T0).After;

        var result = WizardRules.SubmitStep(afterOne, Catalog, 3, Json(ValidData[3]), T0, SystemTimeZones.Instance);

        Assert.Equal("wizard_step_out_of_order", result.Error!.Code);
    }

    [Fact]
    public void StepDurationIsTheTimeSinceTheStepBecameCurrent()
    {
        var started = WizardRules.Start(New(), T0).After;
        var one = Submit(started, 1, T0.AddSeconds(90));
        var two = Submit(one.After, 2, T0.AddSeconds(90 + 45));

        Assert.Equal(90, one.Events.Single().StepDurationSeconds);
        Assert.Equal(45, two.Events.Single().StepDurationSeconds);
    }

    [Fact]
    public void CompletingTheLastStepCompletesTheWizardWithItsDurationInMinutes()
    {
        var onboarding = WizardRules.Start(New(), T0).After;
        for (var step = 1; step <= 4; step++)
        {
            onboarding = Submit(onboarding, step, T0.AddMinutes(step)).After;
        }

        var last = Submit(onboarding, 5, T0.AddMinutes(12.5));

        Assert.Equal([OnboardingEventTypes.WizardStepCompleted, OnboardingEventTypes.WizardCompleted], last.Events.Select(e => e.Type));
        Assert.Equal(12.5, last.Events[1].CompletionTimeMinutes);
        Assert.Equal(T0.AddMinutes(12.5), last.After.State.Wizard.CompletedAt);
        Assert.Equal(12.5, last.After.State.Wizard.CompletionMinutes);
        Assert.Null(last.After.State.Wizard.CurrentStep(5));
    }

    [Fact]
    public void EditingAnEarlierStepKeepsLaterStepsAndCausesNoEvent()
    {
        var onboarding = Walk(3);

        var edit = WizardRules.SubmitStep(onboarding, Catalog, 1,
            Json("""{"organizationName":"Renamed","timezone":"America/New_York"}"""), T0.AddHours(1), SystemTimeZones.Instance).Value!;

        var wizard = edit.After.State.Wizard;
        Assert.Empty(edit.Events);
        Assert.Equal([1, 2, 3], wizard.Steps.Keys);
        Assert.Equal("""{"organizationName":"Renamed","timezone":"America/New_York"}""", wizard.Steps[1].DataJson);
        Assert.Equal(onboarding.State.Wizard.Steps[1].CompletedAt, wizard.Steps[1].CompletedAt);
        Assert.Equal(T0.AddHours(1), wizard.Steps[1].LastSubmittedAt);
        Assert.Equal(4, wizard.CurrentStep(5));
    }

    [Fact]
    public void EditingAfterCompletionDoesNotCompleteAgain()
    {
        var completed = Walk(5);

        var edit = Submit(completed, 5, T0.AddDays(1));

        Assert.Empty(edit.Events);
        Assert.Equal(completed.State.Wizard.CompletedAt, edit.After.State.Wizard.CompletedAt);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    [InlineData(4, 5)]
    public void SkippingRecordsTheStepWhereTheUserDropped(int completedSteps, int droppedAt)
    {
        var onboarding = Walk(completedSteps);

        var skip = WizardRules.Skip(onboarding, Catalog, T0.AddHours(2)).Value!;

        var skipped = skip.Events.Single(e => e.Type == OnboardingEventTypes.WizardSkipped);
        Assert.Equal(droppedAt, skipped.WizardStepDropped);
        Assert.Equal(droppedAt, skip.After.State.Wizard.DroppedAtStep);
        Assert.Equal(T0.AddHours(2), skip.After.State.Wizard.SkippedAt);
        Assert.Equal(completedSteps == 0, skip.Events.Any(e => e.Type == OnboardingEventTypes.WizardStarted));
    }

    [Fact]
    public void SkippingTwiceOrAfterCompletionIsAConflict()
    {
        var skipped = WizardRules.Skip(Walk(2), Catalog, T0).Value!.After;

        Assert.Equal("wizard_already_skipped", WizardRules.Skip(skipped, Catalog, T0).Error!.Code);
        Assert.Equal("wizard_already_completed", WizardRules.Skip(Walk(5), Catalog, T0).Error!.Code);
    }

    [Fact]
    public void SubmittingAStepAfterASkipResumesTheWizard()
    {
        var skipped = WizardRules.Skip(Walk(2), Catalog, T0.AddHours(1)).Value!.After;

        var resumed = Submit(skipped, 3, T0.AddHours(2));

        Assert.False(resumed.After.State.Wizard.IsSkipped);
        Assert.Null(resumed.After.State.Wizard.DroppedAtStep);
        Assert.Equal(4, resumed.After.State.Wizard.CurrentStep(5));
    }

    [Fact]
    public void ResetStartsOverAndKeepsTheRest()
    {
        var walked = Walk(5);
        var withActivity = walked with { State = walked.State with { Checklist = walked.State.Checklist with { CompletedAt = T0 } } };

        var reset = WizardRules.Reset(withActivity);
        var again = WizardRules.Reset(reset.After);

        Assert.False(reset.After.State.Wizard.IsStarted);
        Assert.Empty(reset.After.State.Wizard.Steps);
        Assert.Equal(T0, reset.After.State.Checklist.CompletedAt);
        Assert.Same(reset.After, again.After);
    }

    [Fact]
    public void AnUnknownStepIsNotFound()
    {
        var result = WizardRules.SubmitStep(New(), Catalog, 6, Json("{}"), T0, SystemTimeZones.Instance);

        Assert.Equal("wizard_step_not_found", Assert.IsType<NotFoundError>(result.Error).Code);
    }

    [Fact]
    public void InvalidDataChangesNothing()
    {
        var result = WizardRules.SubmitStep(New(), Catalog, 1, Json("""{"organizationName":""}"""), T0, SystemTimeZones.Instance);

        var failed = Assert.IsType<ValidationFailed>(result.Error);
        Assert.Equal(["organizationName", "timezone"], failed.Errors.Keys.Order());
    }

    internal static OrganizationOnboarding Walk(int steps)
    {
        var onboarding = New();
        for (var step = 1; step <= steps; step++)
        {
            onboarding = Submit(onboarding, step, T0.AddMinutes(step)).After;
        }
        return onboarding;
    }

    private static OrganizationOnboarding New() => OrganizationOnboarding.New("org-1");

    private static OnboardingChange Submit(OrganizationOnboarding onboarding, int step, DateTimeOffset at) =>
        WizardRules.SubmitStep(onboarding, Catalog, step, Json(ValidData[step]), at, SystemTimeZones.Instance) is { Succeeded: true } result
            ? result.Value!
            : throw new InvalidOperationException("The step was refused.");

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;
}
