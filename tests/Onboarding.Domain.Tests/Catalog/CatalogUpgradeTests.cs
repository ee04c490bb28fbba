using System.Collections.Immutable;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.State;
using Onboarding.Domain.Wizard;

namespace Onboarding.Domain.Tests.Catalog;

/// <summary>Pinning an organization to a catalog version, and moving it to another one by id.</summary>
public sealed class CatalogUpgradeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnOrganizationThatHasDoneNothingIsNotPinnedAndOneThatBeganIsPinnedOnce()
    {
        var fresh = OrganizationOnboarding.New("org-1");
        var began = WizardRules.Start(fresh, T0).After;

        Assert.Null(fresh.PinnedTo(3).State.CatalogVersion);
        Assert.Equal(3, began.PinnedTo(3).State.CatalogVersion);
        Assert.Equal(3, began.PinnedTo(3).PinnedTo(4).State.CatalogVersion);
    }

    [Fact]
    public void AnUpgradeKeepsWizardStepsByKeyRenumberedAndDropsAStepTheNewVersionLacks()
    {
        var older = DefaultCatalog.Catalog;
        var newer = older with
        {
            // Without first_team (step 3): first_event stays 2, invite_volunteers becomes 3, finish_setup 4.
            WizardSteps = [.. older.WizardSteps.Where(s => s.Key != "first_team").Select((s, i) => s with { Number = i + 1 })],
        };
        var step = new WizardStepState("{}", T0, T0);
        var onboarding = OrganizationOnboarding.New("org-1") with
        {
            State = OnboardingState.NotStarted with
            {
                CatalogVersion = 1,
                Wizard = WizardState.NotStarted with { StartedAt = T0, Steps = ImmutableSortedDictionary.CreateRange(new Dictionary<int, WizardStepState> { [1] = step, [3] = step, [4] = step with { CompletedAt = T0.AddHours(1) } }) },
            },
        };

        var upgraded = CatalogUpgrade.Apply(onboarding, older, newer, 2);

        Assert.Equal(2, upgraded.State.CatalogVersion);
        Assert.Equal([1, 3], upgraded.State.Wizard.Steps.Keys);
        Assert.Equal(T0.AddHours(1), upgraded.State.Wizard.Steps[3].CompletedAt);
        Assert.Equal(2, upgraded.State.Wizard.CurrentStep(newer.WizardStepCount));
        Assert.Equal(onboarding.State.Checklist, upgraded.State.Checklist);
    }
}
