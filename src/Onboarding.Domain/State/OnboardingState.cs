using Onboarding.Domain.Checklist;
using Onboarding.Domain.Features;
using Onboarding.Domain.SampleData;
using Onboarding.Domain.Wizard;

namespace Onboarding.Domain.State;

/// <summary>
/// An organization's onboarding state, kept at (org, <c>profile|state</c>). Onboarding starts at sign-up
/// (<paramref name="SignedUpAt"/>, from <c>organization_created</c>); an admin may dismiss it (<paramref name="DismissedAt"/>).
/// <paramref name="CatalogVersion"/>: the catalog version the organization is pinned to, set by its first change; null
/// before that (it follows the current version).
/// </summary>
public sealed record OnboardingState(
    WizardState Wizard, ChecklistState Checklist, FeatureState Features, SampleDataState SampleData,
    DateTimeOffset? SignedUpAt = null, DateTimeOffset? DismissedAt = null, int? CatalogVersion = null)
{
    /// <summary>What an organization that has done nothing yet has; reads of an unknown organization return it.</summary>
    public static OnboardingState NotStarted { get; } = new(WizardState.NotStarted, ChecklistState.Empty, FeatureState.Empty, SampleDataState.None);
}
