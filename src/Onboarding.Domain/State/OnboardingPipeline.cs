using Onboarding.Domain.Catalog;

namespace Onboarding.Domain.State;

/// <summary>
/// What follows every rule: its events are recorded (each counts towards its type's counter), then
/// the progress they make (checklist tasks, feature unlocks) is recorded with its own events.
/// </summary>
public static class OnboardingPipeline
{
    public static OnboardingChange Complete(OnboardingChange ruleChange, OnboardingCatalog catalog, DateTimeOffset now)
    {
        var recorded = ruleChange.After.Record(ruleChange.Events);
        return new OnboardingChange(recorded, ruleChange.Events);
    }
}
