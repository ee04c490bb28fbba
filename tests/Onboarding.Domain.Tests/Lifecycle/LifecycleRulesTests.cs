using Onboarding.Domain.Analytics;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.Lifecycle;
using Onboarding.Domain.State;

namespace Onboarding.Domain.Tests.Lifecycle;

public sealed class LifecycleRulesTests
{
    private static readonly DateTimeOffset Now = TestOrganizations.Now;

    private static OnboardingEvent Created(DateTimeOffset at, bool isSample = false) =>
        new(Guid.NewGuid().ToString("N"), TestOrganizations.Id, OnboardingEventTypes.OrganizationCreated, at, IsSample: isSample);

    [Fact]
    public void DismissingRecordsTheTimeWithOneEventAndDismissingAgainChangesNothing()
    {
        var dismissed = LifecycleRules.Dismiss(TestOrganizations.New(), Now);
        var again = LifecycleRules.Dismiss(dismissed.After, Now.AddHours(1));

        Assert.Equal(Now, dismissed.After.State.DismissedAt);
        var e = Assert.Single(dismissed.Events);
        Assert.Equal((OnboardingEventTypes.OnboardingDismissed, TestOrganizations.Id, Now), (e.Type, e.OrganizationId, e.Timestamp));
        Assert.Same(dismissed.After, again.After);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void UndoingADismissalClearsItWithoutAnEventAndIsNothingWhenNotDismissed()
    {
        var dismissed = LifecycleRules.Dismiss(TestOrganizations.New(), Now).After;

        var undone = LifecycleRules.Undismiss(dismissed);
        var nothing = LifecycleRules.Undismiss(undone.After);

        Assert.Null(undone.After.State.DismissedAt);
        Assert.Empty(undone.Events);
        Assert.Same(undone.After, nothing.After);
        Assert.Empty(nothing.Events);
    }

    [Fact]
    public void SignUpIsTheEarliestOrganizationCreatedAndSampleOrOtherEventsDoNotCount()
    {
        var onboarding = TestOrganizations.New();

        var first = OnboardingPipeline.Complete(new OnboardingChange(onboarding, [Created(Now)]), DefaultCatalog.Catalog, Now).After;
        var later = OnboardingPipeline.Complete(new OnboardingChange(first, [Created(Now.AddDays(1))]), DefaultCatalog.Catalog, Now).After;
        var earlier = OnboardingPipeline.Complete(new OnboardingChange(later, [Created(Now.AddDays(-3))]), DefaultCatalog.Catalog, Now).After;
        var sample = LifecycleRules.RecordSignUp(onboarding, [Created(Now, isSample: true), TestOrganizations.Event("event_created")]);

        Assert.Equal(Now, first.State.SignedUpAt);
        Assert.Equal(Now, later.State.SignedUpAt);
        Assert.Equal(Now.AddDays(-3), earlier.State.SignedUpAt);
        Assert.Same(onboarding, sample);
        Assert.Equal(3, earlier.Activity.EventTypeCount(OnboardingEventTypes.OrganizationCreated));
    }

    [Fact]
    public void TheFunnelCountsEachDismissingOrganizationOnceAndKeepsItThroughADaysSummary()
    {
        var day1 = new WizardFunnel();
        var day2 = new WizardFunnel();
        day1.Add(new OnboardingEvent("d1", "A", OnboardingEventTypes.OnboardingDismissed, Now));
        day1.Add(new OnboardingEvent("d2", "B", OnboardingEventTypes.OnboardingDismissed, Now));
        day2.Add(new OnboardingEvent("d3", "A", OnboardingEventTypes.OnboardingDismissed, Now.AddDays(1)));

        var range = WizardFunnel.FromData(day1.ToData());
        range.Merge(WizardFunnel.FromData(day2.ToData()));

        Assert.Equal(2, day1.Dismissed);
        Assert.Equal(2, range.Dismissed);
    }

    [Fact]
    public void SignUpIsStepZeroOfTheFunnelWhoOpenedTheWizardCompletedItTheOthersDroppedThere()
    {
        static OnboardingEvent E(string org, string type, bool isSample = false) => new(Guid.NewGuid().ToString("N"), org, type, Now, IsSample: isSample);
        var day1 = new WizardFunnel();
        var day2 = new WizardFunnel();
        foreach (var org in new[] { "A", "B", "C" })
        {
            day1.Add(E(org, OnboardingEventTypes.OrganizationCreated));
        }
        day1.Add(E("S", OnboardingEventTypes.OrganizationCreated, isSample: true));
        day1.Add(E("A", OnboardingEventTypes.WizardStarted));
        day2.Add(E("B", OnboardingEventTypes.WizardStarted));
        day2.Add(E("Z", OnboardingEventTypes.WizardStarted));   // signed up before the period

        var range = WizardFunnel.FromData(day1.ToData());
        range.Merge(WizardFunnel.FromData(day2.ToData()));

        Assert.Equal(new FunnelStep(0, Reached: 3, Completed: 1, Dropped: 2, DropOffPercent: 66.7, DropOffPercentOfStarted: 66.67, MedianDurationSeconds: null), day1.SignUpStep());
        Assert.Equal(new FunnelStep(0, Reached: 3, Completed: 2, Dropped: 1, DropOffPercent: 33.3, DropOffPercentOfStarted: 33.33, MedianDurationSeconds: null), range.SignUpStep());
        Assert.Equal(new FunnelStep(0, 0, 0, 0, 0, 0, null), new WizardFunnel().SignUpStep());
    }
}
