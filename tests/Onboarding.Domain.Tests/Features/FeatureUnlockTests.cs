using System.Text.Json.Nodes;
using Onboarding.Domain.Activity;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Checklist;
using Onboarding.Domain.Events;
using Onboarding.Domain.Features;
using Onboarding.Domain.State;
using static Onboarding.Domain.Tests.TestCatalogs;
using static Onboarding.Domain.Tests.TestOrganizations;

namespace Onboarding.Domain.Tests.Features;

public sealed class FeatureUnlockTests
{
    private static readonly OnboardingCatalog Default = DefaultCatalog.Catalog;

    [Fact]
    public void ReachingAMilestoneUnlocksTheFeatureWithOneEvent()
    {
        var change = OnboardingProgress.Record(With("event_created", 5), Default, Now);

        var unlocked = Assert.Single(change.Events, e => e.Type == OnboardingEventTypes.FeatureUnlocked);
        Assert.Equal((Id, Now), (unlocked.OrganizationId, unlocked.Timestamp));
        Assert.Equal(("recurring_events", "events", 5L, 5L),
            (unlocked.DataString("feature"), unlocked.DataString("milestone"), unlocked.DataNumber("threshold"), unlocked.DataNumber("currentCount")));
        Assert.Equal([KeyValuePair.Create("recurring_events", Now)], change.After.State.Features.Unlocked);
    }

    [Fact]
    public void TheUnlockEventCarriesTheCountReachedNotTheThreshold()
    {
        var snapshot = Event(OnboardingEventTypes.ActivitySnapshot) with { Data = new JsonObject { ["counts"] = new JsonObject { ["events"] = 8L } } };

        var change = OnboardingProgress.Record(New().Record([snapshot], DefaultCatalog.Catalog.Activity), Default, Now);

        var unlocked = Assert.Single(change.Events, e => e.Type == OnboardingEventTypes.FeatureUnlocked);
        Assert.Equal((5L, 8L), (unlocked.DataNumber("threshold"), unlocked.DataNumber("currentCount")));
    }

    [Fact]
    public void BelowItsMilestoneAFeatureStaysLocked()
    {
        var change = OnboardingProgress.Record(With("event_created", 4), Default, Now);

        Assert.DoesNotContain(change.Events, e => e.Type == OnboardingEventTypes.FeatureUnlocked);
        Assert.Empty(change.After.State.Features.Unlocked);
    }

    [Fact]
    public void AnEventCountMilestoneUnlocksWhenTheTypeIsSeenOftenEnough()
    {
        var change = OnboardingProgress.Record(With(OnboardingEventTypes.ViewReports, 3), Default, Now);

        var unlocked = Assert.Single(change.Events, e => e.Type == OnboardingEventTypes.FeatureUnlocked);
        Assert.Equal(("schedule_analytics", "view_reports", 3L, 3L),
            (unlocked.DataString("feature"), unlocked.DataString("milestone"), unlocked.DataNumber("threshold"), unlocked.DataNumber("currentCount")));
    }

    [Fact]
    public void AFeatureUnlocksOnlyOnce()
    {
        var first = OnboardingProgress.Record(With("assignment_created", 1), Default, Now);
        var moreActivity = first.After.Record(first.Events, DefaultCatalog.Catalog.Activity).With("assignment_created", 5);

        var later = OnboardingProgress.Record(moreActivity, Default, Now.AddDays(1));

        Assert.DoesNotContain(later.Events, e => e.Type == OnboardingEventTypes.FeatureUnlocked);
        Assert.Equal(Now, later.After.State.Features.Unlocked["manual_editing"]);
    }

    [Fact]
    public void AnUnlockedFeatureIsNeverLockedAgain()
    {
        var unlocked = OnboardingProgress.Record(With("assignment_created", 1), Default, Now).After;

        var change = OnboardingProgress.Record(unlocked.With("assignment_deleted", 1), Default, Now.AddDays(1));

        Assert.Equal(Now, change.After.State.Features.Unlocked["manual_editing"]);
        var view = FeaturesView.From(change.After, Default);
        Assert.Contains(view.Unlocked, f => f.Id == "manual_editing");
        Assert.DoesNotContain(view.Locked, f => f.Id == "manual_editing");
    }

    [Fact]
    public void ShowingAllFeaturesUnlocksNone()
    {
        var showingAll = FeatureRules.SetShowAll(New(), true, Now).After;

        var change = OnboardingProgress.Record(showingAll, Default, Now);

        Assert.Empty(change.Events);
        Assert.Empty(change.After.State.Features.Unlocked);
    }

    [Fact]
    public void ATaskThatReadsUnlockedFeaturesCompletesInTheSamePassAsTheUnlock()
    {
        var catalog = WithFeatures(Feature("team_tools", MilestoneKind.ActivityCount, "teams", 1)) with
        {
            ChecklistTasks = [Task("discover_a_feature", new StateCheckCriterion("features.unlocked", ComparisonOperator.GreaterOrEqual, 1))],
        };

        var first = OnboardingProgress.Record(With("team_created", 1), catalog, Now);
        var second = OnboardingProgress.Record(first.After, catalog, Now.AddMinutes(1));

        Assert.Equal([OnboardingEventTypes.FeatureUnlocked, OnboardingEventTypes.ChecklistTaskCompleted], first.Events.Select(e => e.Type));
        Assert.Empty(second.Events);
    }

    [Fact]
    public void TurningShowAllOnRecordsTheChoiceAndItsTimeWithoutAnEvent()
    {
        var change = FeatureRules.SetShowAll(New(), true, Now);

        Assert.Empty(change.Events);
        Assert.Equal((true, Now), (change.After.State.Features.ShowAll, change.After.State.Features.ShowAllChangedAt));
    }

    [Fact]
    public void TurningShowAllOffAgainRecordsTheNewTime()
    {
        var on = FeatureRules.SetShowAll(New(), true, Now).After;

        var off = FeatureRules.SetShowAll(on, false, Now.AddHours(2)).After;

        Assert.Equal((false, Now.AddHours(2)), (off.State.Features.ShowAll, off.State.Features.ShowAllChangedAt));
    }

    [Fact]
    public void SettingShowAllToTheValueItHasChangesNothing()
    {
        var on = FeatureRules.SetShowAll(New(), true, Now).After;

        var again = FeatureRules.SetShowAll(on, true, Now.AddHours(1));
        var offWhenNew = FeatureRules.SetShowAll(New(), false, Now);

        Assert.Same(on, again.After);
        Assert.Empty(again.Events);
        Assert.Null(offWhenNew.After.State.Features.ShowAllChangedAt);
    }
}
