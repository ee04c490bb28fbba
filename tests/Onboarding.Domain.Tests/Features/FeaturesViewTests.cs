using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.Features;
using Onboarding.Domain.State;
using static Onboarding.Domain.Tests.TestOrganizations;

namespace Onboarding.Domain.Tests.Features;

public sealed class FeaturesViewTests
{
    private static readonly OnboardingCatalog Default = DefaultCatalog.Catalog;

    [Fact]
    public void ANewOrganizationSeesEveryFeatureLockedWithTheWholeMilestoneAhead()
    {
        var view = FeaturesView.From(New(), Default);

        Assert.Empty(view.Unlocked);
        Assert.Equal(Default.Features.Select(f => (f.Id, f.Milestone.Name, f.Milestone.Threshold)), view.Locked.Select(f => (f.Id, f.Milestone, f.Remaining)));
    }

    [Fact]
    public void ALockedFeatureSaysHowMuchIsLeft()
    {
        var view = FeaturesView.From(With("volunteer_added", 7), Default);

        Assert.Equal(
            new LockedFeatureView("sms_notifications", "features.sms_notifications.title", "features.sms_notifications.description", MilestoneKind.ActivityCount, "volunteers", 10, 7),
            view.Locked.Single(f => f.Id == "sms_notifications"));
        Assert.Equal(3, view.Locked.Single(f => f.Id == "sms_notifications").Remaining);
    }

    [Fact]
    public void WithShowAllOnLockedFeaturesStayLockedButAreVisible()
    {
        var showingAll = FeatureRules.SetShowAll(With("volunteer_added", 7), true, Now).After;

        var hidden = FeaturesView.From(With("volunteer_added", 7), Default);
        var shown = FeaturesView.From(showingAll, Default);

        Assert.All(hidden.Locked, f => Assert.False(f.Visible));
        Assert.Equal(hidden.Locked.Select(f => f.Id), shown.Locked.Select(f => f.Id));
        Assert.All(shown.Locked, f => Assert.True(f.Visible));
        Assert.All(shown.Locked, f => Assert.True(shown.IsVisible(f.Id)));
    }

    [Fact]
    public void AnUnlockedFeatureShowsWhenItWasUnlocked()
    {
        var onboarding = OnboardingProgress.Record(With("team_created", 3), Default, Now).After;

        var view = FeaturesView.From(onboarding, Default);

        Assert.Equal(
            [new UnlockedFeatureView("team_hierarchy", "features.team_hierarchy.title", "features.team_hierarchy.description", Now)],
            view.Unlocked);
        Assert.DoesNotContain(view.Locked, f => f.Id == "team_hierarchy");
    }

    [Fact]
    public void OnlyUnlockedFeaturesAreVisibleUntilShowAllIsOn()
    {
        var onboarding = OnboardingProgress.Record(With("assignment_created", 1), Default, Now).After;

        var view = FeaturesView.From(onboarding, Default);

        Assert.True(view.IsVisible("manual_editing"));
        Assert.False(view.IsVisible("recurring_events"));
    }

    [Fact]
    public void ShowAllMakesLockedFeaturesVisibleWhileTheyStayLocked()
    {
        var onboarding = FeatureRules.SetShowAll(New(), true, Now).After;

        var view = FeaturesView.From(onboarding, Default);

        Assert.True(view.ShowAll);
        Assert.Equal(Now, view.ShowAllChangedAt);
        Assert.All(Default.Features, f => Assert.True(view.IsVisible(f.Id)));
        Assert.Equal(Default.Features.Count, view.Locked.Count);
    }

    [Fact]
    public void AFeatureTheCatalogDoesNotHaveIsNeverVisible()
    {
        var view = FeaturesView.From(FeatureRules.SetShowAll(New(), true, Now).After, Default);

        Assert.False(view.IsVisible("time_travel"));
    }
}
