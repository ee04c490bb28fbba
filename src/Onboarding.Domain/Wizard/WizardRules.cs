using System.Text.Json;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;

namespace Onboarding.Domain.Wizard;

/// <summary>
/// The setup wizard's rules. Steps are submitted in order; an earlier step can be edited without
/// losing later ones; completing the last step completes the wizard; skip is allowed at any step
/// and records where the user dropped; submitting a step after a skip resumes the wizard.
/// </summary>
public static class WizardRules
{
    /// <summary>Marks the wizard as opened; the first call starts it (<c>wizard_started</c>), later calls change nothing.</summary>
    public static OnboardingChange Start(OrganizationOnboarding onboarding, DateTimeOffset now)
    {
        var wizard = onboarding.State.Wizard;
        if (wizard.IsStarted)
        {
            return OnboardingChange.None(onboarding);
        }
        return new OnboardingChange(
            WithWizard(onboarding, wizard with { StartedAt = now }),
            [Event(onboarding, OnboardingEventTypes.WizardStarted, now) with { WizardStepReached = 1 }]);
    }

    public static DomainResult<OnboardingChange> SubmitStep(
        OrganizationOnboarding onboarding, OnboardingCatalog catalog, int step, JsonElement data, DateTimeOffset now, ITimeZoneDirectory timeZones)
    {
        if (catalog.WizardStep(step) is not { } definition)
        {
            return new NotFoundError("wizard_step_not_found", $"The wizard has steps 1 to {catalog.WizardStepCount}; there is no step {step}.");
        }
        var validated = WizardStepValidator.Validate(definition, data, timeZones);
        if (!validated.Succeeded)
        {
            return validated.Error!;
        }

        var current = onboarding.State.Wizard.CurrentStep(catalog.WizardStepCount);
        if (current is { } first && step > first)
        {
            return new ConflictError("wizard_step_out_of_order",
                $"Step {step} can be submitted once steps 1 to {step - 1} are complete; the current step is {first}.");
        }

        var started = Start(onboarding, now);
        var wizard = started.After.State.Wizard;
        var events = started.Events.ToList();

        if (wizard.Steps.TryGetValue(step, out var existing))
        {
            // An edit keeps the step's first completion time and causes no completion event.
            wizard = wizard with { Steps = wizard.Steps.SetItem(step, existing with { DataJson = validated.Value!, LastSubmittedAt = now }) };
        }
        else
        {
            var becameCurrentAt = step == 1 ? wizard.StartedAt!.Value : wizard.Steps[step - 1].CompletedAt;
            wizard = wizard with { Steps = wizard.Steps.Add(step, new WizardStepState(validated.Value!, now, now)) };
            events.Add(Event(onboarding, OnboardingEventTypes.WizardStepCompleted, now) with
            {
                WizardStepReached = step,
                StepDurationSeconds = Math.Round(Math.Max(0, (now - becameCurrentAt).TotalSeconds), 3),
            });
        }

        if (wizard.IsSkipped)
        {
            wizard = wizard with { SkippedAt = null, DroppedAtStep = null };
        }
        if (!wizard.IsCompleted && wizard.CurrentStep(catalog.WizardStepCount) is null)
        {
            var minutes = Math.Round((now - wizard.StartedAt!.Value).TotalMinutes, 2);
            wizard = wizard with { CompletedAt = now, CompletionMinutes = minutes };
            events.Add(Event(onboarding, OnboardingEventTypes.WizardCompleted, now) with { CompletionTimeMinutes = minutes });
        }
        return new OnboardingChange(WithWizard(onboarding, wizard), events);
    }

    public static DomainResult<OnboardingChange> Skip(OrganizationOnboarding onboarding, OnboardingCatalog catalog, DateTimeOffset now)
    {
        var wizard = onboarding.State.Wizard;
        if (wizard.IsCompleted)
        {
            return new ConflictError("wizard_already_completed", "The wizard is complete; there is nothing to skip.");
        }
        if (wizard.IsSkipped)
        {
            return new ConflictError("wizard_already_skipped", $"The wizard was already skipped at step {wizard.DroppedAtStep}.");
        }
        var started = Start(onboarding, now);
        var dropped = started.After.State.Wizard.CurrentStep(catalog.WizardStepCount)!.Value;
        var skipped = started.After.State.Wizard with { SkippedAt = now, DroppedAtStep = dropped };
        return new OnboardingChange(
            WithWizard(onboarding, skipped),
            [.. started.Events, Event(onboarding, OnboardingEventTypes.WizardSkipped, now) with { WizardStepDropped = dropped }]);
    }

    /// <summary>Starts the wizard over. Checklist, features, tutorials and sample data reflect real activity and stay.</summary>
    public static OnboardingChange Reset(OrganizationOnboarding onboarding) =>
        onboarding.State.Wizard is { IsStarted: false, Steps.IsEmpty: true }
            ? OnboardingChange.None(onboarding)
            : new OnboardingChange(WithWizard(onboarding, WizardState.NotStarted), []);

    private static OrganizationOnboarding WithWizard(OrganizationOnboarding onboarding, WizardState wizard) =>
        onboarding with { State = onboarding.State with { Wizard = wizard } };

    private static OnboardingEvent Event(OrganizationOnboarding onboarding, string type, DateTimeOffset now) =>
        new(EventIds.New(now), onboarding.OrganizationId, type, now);
}
