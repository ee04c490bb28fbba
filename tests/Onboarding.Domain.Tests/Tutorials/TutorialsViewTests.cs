using Onboarding.Domain.Catalog;
using Onboarding.Domain.State;
using Onboarding.Domain.Tutorials;
using static Onboarding.Domain.Tests.DomainResultAssert;

namespace Onboarding.Domain.Tests.Tutorials;

public sealed class TutorialsViewTests
{
    private static readonly OnboardingCatalog Catalog = DefaultCatalog.Catalog;
    private static readonly DateTimeOffset T0 = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ANewOrganizationSeesAllFiveTutorialsNotStartedInCatalogOrder()
    {
        var view = TutorialsView.From(OrganizationOnboarding.New("org-tutorials-view-new"), Catalog);

        Assert.Equal(
            [("events_intro", 4), ("teams_setup", 3), ("availability_management", 5), ("solver_run", 6), ("schedule_export", 3)],
            view.Tutorials.Select(t => (t.TutorialId, t.TotalSteps)));
        Assert.All(view.Tutorials, t => Assert.Equal((TutorialStatus.NotStarted, 0, 0, (DateTimeOffset?)null), (t.Status, t.StepsCompleted, t.ReplayCount, t.LastViewedAt)));
        Assert.Equal((0, 5), (view.CompletedCount, view.TotalCount));
    }

    [Fact]
    public void TheViewShowsEachTutorialsStatusAndProgress()
    {
        var onboarding = OrganizationOnboarding.New("org-tutorials-view-mixed");
        onboarding = Apply(onboarding, o => TutorialRules.Start(o, Catalog, "events_intro", T0));
        onboarding = Apply(onboarding, o => TutorialRules.RecordProgress(o, Catalog, "events_intro", 2, T0.AddMinutes(1)));
        onboarding = Apply(onboarding, o => TutorialRules.Start(o, Catalog, "teams_setup", T0));
        onboarding = Apply(onboarding, o => TutorialRules.Complete(o, Catalog, "teams_setup", T0.AddMinutes(2)));
        onboarding = Apply(onboarding, o => TutorialRules.Skip(o, Catalog, "solver_run", 1, T0.AddMinutes(3)));
        onboarding = Apply(onboarding, o => TutorialRules.Start(o, Catalog, "schedule_export", T0));
        onboarding = Apply(onboarding, o => TutorialRules.Complete(o, Catalog, "schedule_export", T0.AddMinutes(4)));
        onboarding = Apply(onboarding, o => TutorialRules.Start(o, Catalog, "schedule_export", T0.AddMinutes(5)));

        var view = TutorialsView.From(onboarding, Catalog).Tutorials.ToDictionary(t => t.TutorialId);

        Assert.Equal((TutorialStatus.InProgress, 2, T0.AddMinutes(1)), (view["events_intro"].Status, view["events_intro"].StepsCompleted, view["events_intro"].LastViewedAt));
        Assert.Equal((TutorialStatus.Completed, 3, T0.AddMinutes(2)), (view["teams_setup"].Status, view["teams_setup"].StepsCompleted, view["teams_setup"].CompletedAt));
        Assert.Equal(TutorialStatus.NotStarted, view["availability_management"].Status);
        Assert.Equal((TutorialStatus.Skipped, T0.AddMinutes(3), 1), (view["solver_run"].Status, view["solver_run"].SkippedAt, view["solver_run"].SkippedAtStep));
        Assert.Equal((TutorialStatus.InProgress, 0, 1, (DateTimeOffset?)null), (view["schedule_export"].Status, view["schedule_export"].StepsCompleted, view["schedule_export"].ReplayCount, view["schedule_export"].CompletedAt));
    }

    [Fact]
    public void CompletedCountCountsOnlyTutorialsCurrentlyCompleted()
    {
        var onboarding = OrganizationOnboarding.New("org-tutorials-view-count");
        onboarding = Apply(onboarding, o => TutorialRules.Start(o, Catalog, "events_intro", T0));
        onboarding = Apply(onboarding, o => TutorialRules.Complete(o, Catalog, "events_intro", T0));
        onboarding = Apply(onboarding, o => TutorialRules.Skip(o, Catalog, "teams_setup", null, T0));

        var view = TutorialsView.From(onboarding, Catalog);

        Assert.Equal(1, view.CompletedCount);
    }

    [Fact]
    public void TheViewFollowsTheCatalogsOrderFieldRatherThanItsListPosition()
    {
        var reordered = Catalog with { Tutorials = [.. Catalog.Tutorials.Select(t => t with { Order = 10 - t.Order })] };

        var view = TutorialsView.From(OrganizationOnboarding.New("org-tutorials-view-order"), reordered);

        Assert.Equal(["schedule_export", "solver_run", "availability_management", "teams_setup", "events_intro"], view.Tutorials.Select(t => t.TutorialId));
    }

    private static OrganizationOnboarding Apply(OrganizationOnboarding onboarding, Func<OrganizationOnboarding, DomainResult<OnboardingChange>> rule) =>
        Succeeded(rule(onboarding)).After;
}
