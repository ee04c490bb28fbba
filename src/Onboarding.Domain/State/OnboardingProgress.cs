using Onboarding.Domain.Catalog;
using Onboarding.Domain.Checklist;
using Onboarding.Domain.Features;

namespace Onboarding.Domain.State;

/// <summary>
/// Brings an organization's checklist and feature unlocks up to date with its activity. Cheap (counter
/// lookups, no event scan) and idempotent, so it runs on every read and every ingestion; record
/// the events that changed the counters first (<see cref="OrganizationOnboarding.Record"/>).
/// </summary>
public static class OnboardingProgress
{
    /// <summary>
    /// Unlocks features whose milestone is reached, records newly complete checklist tasks, and marks the
    /// checklist complete the first time all active tasks are. Its events are not applied to the counters.
    /// </summary>
    public static OnboardingChange Record(OrganizationOnboarding onboarding, OnboardingCatalog catalog, DateTimeOffset now) =>
        // Features first: a state_check may read features.unlocked, while milestones read only counters,
        // so this order settles in one pass.
        FeatureRules.UnlockReached(onboarding, catalog, now)
            .Then(unlocked => ChecklistRules.RecordCompletions(unlocked, catalog, now));
}
