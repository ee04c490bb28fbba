using System.Collections.Immutable;
using Onboarding.Domain.State;
using Onboarding.Domain.Wizard;

namespace Onboarding.Domain.Catalog;

/// <summary>Moving an organization to another catalog version, keeping what it has done by id.</summary>
public static class CatalogUpgrade
{
    /// <summary>
    /// The organization on <paramref name="to"/> (version <paramref name="toVersion"/>): wizard steps are kept by their key
    /// and renumbered to the new catalog's numbers (a step the new catalog does not have is dropped); completed checklist
    /// tasks, tutorials, unlocked features and activity are kept by id, and apply where the new catalog has the same ids.
    /// </summary>
    public static OrganizationOnboarding Apply(OrganizationOnboarding onboarding, OnboardingCatalog from, OnboardingCatalog to, int toVersion)
    {
        var wizard = onboarding.State.Wizard;
        var steps = ImmutableSortedDictionary<int, WizardStepState>.Empty;
        foreach (var (number, step) in wizard.Steps)
        {
            if (from.WizardStep(number)?.Key is { } key && to.WizardSteps.FirstOrDefault(s => s.Key == key) is { } target)
            {
                steps = steps.Add(target.Number, step);
            }
        }
        // A wizard completed or skipped before stays so; its times are history, not a rule of the catalog.
        var upgraded = wizard with { Steps = steps, DroppedAtStep = wizard.DroppedAtStep is { } dropped ? Math.Min(dropped, to.WizardStepCount) : null };
        return onboarding with { State = onboarding.State with { Wizard = upgraded, CatalogVersion = toVersion } };
    }
}
