using System.Text.Json.Nodes;
using Onboarding.Domain.Activity;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;

namespace Onboarding.Domain.Features;

/// <summary>
/// Progressive disclosure: a feature unlocks once, when its milestone is reached, and stays unlocked;
/// "show all features" reveals the locked ones without unlocking them.
/// </summary>
public static class FeatureRules
{
    /// <summary>Turns "show all features" on or off; setting the value it already has changes nothing.</summary>
    public static OnboardingChange SetShowAll(OrganizationOnboarding onboarding, bool showAll, DateTimeOffset now)
    {
        var features = onboarding.State.Features;
        return features.ShowAll == showAll
            ? OnboardingChange.None(onboarding)
            : new OnboardingChange(WithFeatures(onboarding, features with { ShowAll = showAll, ShowAllChangedAt = now }), []);
    }

    /// <summary>Unlocks every feature whose milestone is reached and that is not unlocked yet, one event each.</summary>
    internal static OnboardingChange UnlockReached(OrganizationOnboarding onboarding, OnboardingCatalog catalog, DateTimeOffset now)
    {
        var unlocked = onboarding.State.Features.Unlocked;
        var events = new List<OnboardingEvent>();
        foreach (var feature in catalog.Features)
        {
            var count = CurrentCount(onboarding.Activity, feature.Milestone);
            if (!unlocked.ContainsKey(feature.Id) && count >= feature.Milestone.Threshold)
            {
                unlocked = unlocked.Add(feature.Id, now);
                events.Add(FeatureUnlocked(onboarding, feature, count, now));
            }
        }
        return events.Count == 0
            ? OnboardingChange.None(onboarding)
            : new OnboardingChange(WithFeatures(onboarding, onboarding.State.Features with { Unlocked = unlocked }), events);
    }

    /// <summary>The count a milestone waits on: an activity counter or the number of events of one type.</summary>
    internal static long CurrentCount(ActivityCounters activity, FeatureMilestone milestone) => milestone.Kind switch
    {
        MilestoneKind.ActivityCount => activity.Counter(milestone.Name),
        MilestoneKind.EventCount => activity.EventTypeCount(milestone.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(milestone), milestone.Kind, "Unknown milestone kind."),
    };

    private static OrganizationOnboarding WithFeatures(OrganizationOnboarding onboarding, FeatureState features) =>
        onboarding with { State = onboarding.State with { Features = features } };

    private static OnboardingEvent FeatureUnlocked(OrganizationOnboarding onboarding, FeatureDefinition feature, long count, DateTimeOffset now) => new(
        EventIds.New(now),
        onboarding.OrganizationId,
        OnboardingEventTypes.FeatureUnlocked,
        now,
        Data: new JsonObject
        {
            ["feature"] = feature.Id,
            ["milestone"] = feature.Milestone.Name,
            ["threshold"] = feature.Milestone.Threshold,
            ["currentCount"] = count,
        });
}
