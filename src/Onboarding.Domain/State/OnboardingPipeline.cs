using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.Lifecycle;

namespace Onboarding.Domain.State;

/// <summary>
/// What follows every rule: its events are recorded (each counts towards its type's counter, <c>organization_created</c>
/// starts the onboarding), then
/// the progress they make (feature unlocks, checklist tasks) is recorded with its own events.
/// </summary>
public static class OnboardingPipeline
{
    /// <summary>Progress events can themselves satisfy criteria (an event_count on feature_unlocked); a few passes settle any chain.</summary>
    private const int MaxProgressPasses = 4;

    public static OnboardingChange Complete(OnboardingChange ruleChange, OnboardingCatalog catalog, DateTimeOffset now)
    {
        var onboarding = LifecycleRules.RecordSignUp(ruleChange.After, ruleChange.Events).Record(ruleChange.Events, catalog.Activity);
        var events = new List<OnboardingEvent>(ruleChange.Events);
        for (var pass = 0; pass < MaxProgressPasses; pass++)
        {
            var progress = OnboardingProgress.Record(onboarding, catalog, now);
            if (progress.Events.Count == 0)
            {
                onboarding = progress.After;
                break;
            }
            onboarding = progress.After.Record(progress.Events, catalog.Activity);
            events.AddRange(progress.Events);
        }
        return new OnboardingChange(onboarding, events);
    }
}
