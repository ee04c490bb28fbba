using Onboarding.Domain.Catalog;
using Onboarding.Domain.State;

namespace Onboarding.Domain.Features;

/// <summary>A feature the organization has unlocked, and when.</summary>
public sealed record UnlockedFeatureView(string Id, string TitleKey, string DescriptionKey, DateTimeOffset UnlockedAt);

/// <summary>
/// A feature still locked and what it waits for: <paramref name="Milestone"/> (a counter or an event
/// type, per <paramref name="MilestoneKind"/>) reaching <paramref name="Threshold"/>. With "show all"
/// on it stays locked (its milestone is not reached) but <paramref name="Visible"/>: the product shows it.
/// </summary>
public sealed record LockedFeatureView(
    string Id,
    string TitleKey,
    string DescriptionKey,
    MilestoneKind MilestoneKind,
    string Milestone,
    long Threshold,
    long CurrentCount,
    bool Visible = false)
{
    /// <summary>How many more the milestone needs; never negative.</summary>
    public long Remaining => Math.Max(0, Threshold - CurrentCount);
}

/// <summary>
/// The catalog's features for one organization, unlocked and locked, in catalog order, and whether it
/// chose to see all of them. Build it from the result of <see cref="OnboardingProgress.Record"/> so that
/// reached milestones are unlocked.
/// </summary>
public sealed record FeaturesView(
    bool ShowAll,
    DateTimeOffset? ShowAllChangedAt,
    IReadOnlyList<UnlockedFeatureView> Unlocked,
    IReadOnlyList<LockedFeatureView> Locked)
{
    /// <summary>Whether the product shows <paramref name="featureId"/>: unlocked, or locked while "show all" is on. Unknown features are not shown.</summary>
    public bool IsVisible(string featureId) =>
        Unlocked.Any(f => f.Id == featureId) || (ShowAll && Locked.Any(f => f.Id == featureId));

    public static FeaturesView From(OrganizationOnboarding onboarding, OnboardingCatalog catalog)
    {
        var state = onboarding.State.Features;
        var unlocked = new List<UnlockedFeatureView>();
        var locked = new List<LockedFeatureView>();
        foreach (var feature in catalog.Features)
        {
            if (state.Unlocked.TryGetValue(feature.Id, out var unlockedAt))
            {
                unlocked.Add(new UnlockedFeatureView(feature.Id, feature.TitleKey, feature.DescriptionKey, unlockedAt));
            }
            else
            {
                var milestone = feature.Milestone;
                locked.Add(new LockedFeatureView(
                    feature.Id,
                    feature.TitleKey,
                    feature.DescriptionKey,
                    milestone.Kind,
                    milestone.Name,
                    milestone.Threshold,
                    FeatureRules.CurrentCount(onboarding.Activity, milestone),
                    Visible: state.ShowAll));
            }
        }
        return new FeaturesView(state.ShowAll, state.ShowAllChangedAt, unlocked, locked);
    }
}
