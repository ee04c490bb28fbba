using Onboarding.Events.Wire;

namespace Onboarding.Events;

public sealed record WizardStarted(string OrganizationId) : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.WizardStarted;
}

/// <summary>A wizard step was completed; <paramref name="StepReached"/> is 1 … the number of wizard steps (5).</summary>
public sealed record WizardStepCompleted(string OrganizationId, int StepReached, double? StepDurationSeconds = null)
    : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.WizardStepCompleted;

    internal override void Describe(EventFields fields)
    {
        fields.WizardStepReached = StepReached;
        fields.StepDurationSeconds = StepDurationSeconds;
    }
}

public sealed record WizardCompleted(string OrganizationId, double? CompletionTimeMinutes = null) : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.WizardCompleted;

    internal override void Describe(EventFields fields) => fields.CompletionTimeMinutes = CompletionTimeMinutes;
}

/// <summary>The wizard was skipped; <paramref name="StepDropped"/> is the step the user left at.</summary>
public sealed record WizardSkipped(string OrganizationId, int StepDropped) : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.WizardSkipped;

    internal override void Describe(EventFields fields) => fields.WizardStepDropped = StepDropped;
}
