using Onboarding.Domain.Catalog;
using Onboarding.Domain.Checklist;
using Onboarding.Domain.Features;
using Onboarding.Domain.SampleData;
using Onboarding.Domain.State;
using Onboarding.Domain.Tutorials;
using Onboarding.Functions.Wizard;

namespace Onboarding.Functions.Overview;

/// <summary>
/// The whole picture of an organization's onboarding, from one read of its profile rows. The
/// completion percent is the checklist's: the share of active tasks complete (the wizard is one of them).
/// <c>signedUpAt</c> is when onboarding started (the product's <c>organization_created</c>), <c>dismissedAt</c> when an
/// admin dismissed it; both null when not. <c>catalogVersion</c>: the catalog version the organization is pinned to (null
/// until its onboarding begins; it then follows the current version).
/// </summary>
public sealed record OverviewView(
    string OrganizationId,
    double CompletionPercent,
    DateTimeOffset? SignedUpAt,
    DateTimeOffset? DismissedAt,
    WizardView Wizard,
    ChecklistView Checklist,
    FeaturesView Features,
    TutorialsView Tutorials,
    SampleDataView SampleData,
    int? CatalogVersion)
{
    public static OverviewView From(OrganizationOnboarding onboarding, OnboardingCatalog catalog, DateTimeOffset now)
    {
        var checklist = ChecklistView.From(onboarding, catalog);
        return new OverviewView(
            onboarding.OrganizationId,
            checklist.Percent,
            onboarding.State.SignedUpAt,
            onboarding.State.DismissedAt,
            WizardView.From(onboarding.State.Wizard, catalog),
            checklist,
            FeaturesView.From(onboarding, catalog),
            TutorialsView.From(onboarding, catalog),
            SampleDataView.From(onboarding.State.SampleData, now),
            onboarding.State.CatalogVersion);
    }
}
