using Onboarding.Domain.Catalog;
using Onboarding.Domain.State;
using Onboarding.Functions.Wizard;

namespace Onboarding.Functions.Overview;

/// <summary>The whole picture of an organization's onboarding, from one read of its profile rows.</summary>
public sealed record OverviewView(string OrganizationId, int CompletionPercent, WizardView Wizard)
{
    public static OverviewView From(OrganizationOnboarding onboarding, OnboardingCatalog catalog)
    {
        var wizard = WizardView.From(onboarding.State.Wizard, catalog);
        return new OverviewView(onboarding.OrganizationId, wizard.CompletedSteps * 100 / wizard.TotalSteps, wizard);
    }
}
