using System.Collections.Immutable;
using Onboarding.Domain.Activity;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Checklist;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;
using Onboarding.Domain.Wizard;
using static Onboarding.Domain.Catalog.ComparisonOperator;
using static Onboarding.Domain.Tests.TestOrganizations;

namespace Onboarding.Domain.Tests.Checklist;

public sealed class CriteriaEvaluatorTests
{
    private const int WizardSteps = 5;

    private static readonly ActivityCountCriterion OneEvent = new("events", GreaterOrEqual, 1);
    private static readonly ActivityCountCriterion OneTeam = new("teams", GreaterOrEqual, 1);
    private static readonly ActivityCountCriterion OneAssignment = new("assignments", GreaterOrEqual, 1);

    /// <summary>Each operator against a threshold of 3, with an actual value below, at and above it.</summary>
    public static TheoryData<ComparisonOperator, int, bool> Comparisons => new()
    {
        { GreaterOrEqual, 2, false }, { GreaterOrEqual, 3, true }, { GreaterOrEqual, 4, true },
        { Greater, 2, false }, { Greater, 3, false }, { Greater, 4, true },
        { Equal, 2, false }, { Equal, 3, true }, { Equal, 4, false },
        { LessOrEqual, 2, true }, { LessOrEqual, 3, true }, { LessOrEqual, 4, false },
        { Less, 2, true }, { Less, 3, false }, { Less, 4, false },
    };

    [Theory]
    [MemberData(nameof(Comparisons))]
    public void ActivityCountComparesItsCounterWithTheThreshold(ComparisonOperator comparison, int volunteers, bool expected)
    {
        var onboarding = With("volunteer_added", volunteers);

        var met = Evaluate(onboarding).IsMet(new ActivityCountCriterion("volunteers", comparison, 3));

        Assert.Equal(expected, met);
    }

    [Theory]
    [MemberData(nameof(Comparisons))]
    public void EventCountComparesHowOftenTheTypeWasRecordedWithTheThreshold(ComparisonOperator comparison, int views, bool expected)
    {
        var onboarding = With(OnboardingEventTypes.ViewReports, views);

        var met = Evaluate(onboarding).IsMet(new EventCountCriterion(OnboardingEventTypes.ViewReports, comparison, 3));

        Assert.Equal(expected, met);
    }

    [Theory]
    [MemberData(nameof(Comparisons))]
    public void StateCheckComparesANumericFieldWithTheValue(ComparisonOperator comparison, int completedSteps, bool expected)
    {
        var onboarding = WithCompletedWizardSteps(completedSteps);

        var met = Evaluate(onboarding).IsMet(new StateCheckCriterion("wizard.completedSteps", comparison, 3));

        Assert.Equal(expected, met);
    }

    [Fact]
    public void StateCheckReadsABooleanFieldAsOneWhenTrueAndZeroWhenFalse()
    {
        var completedWizard = New() with { State = New().State with { Wizard = WizardState.NotStarted with { StartedAt = Now, CompletedAt = Now } } };
        var isCompleted = new StateCheckCriterion("wizard.completed", Equal, 1);
        var isNotCompleted = new StateCheckCriterion("wizard.completed", Equal, 0);

        Assert.True(Evaluate(completedWizard).IsMet(isCompleted));
        Assert.False(Evaluate(completedWizard).IsMet(isNotCompleted));
        Assert.False(Evaluate(New()).IsMet(isCompleted));
        Assert.True(Evaluate(New()).IsMet(isNotCompleted));
    }

    [Fact]
    public void ActivityCountReadsOnlyTheCounterItNames()
    {
        var onboarding = With("volunteer_added", 5);

        Assert.False(Evaluate(onboarding).IsMet(OneTeam));
    }

    [Fact]
    public void EventCountReadsThePerTypeCounterWithoutAnyStoredEvents()
    {
        var counts = ImmutableSortedDictionary<string, long>.Empty.Add(OnboardingEventTypes.ViewReports, 2);
        var onboarding = New() with { Activity = ActivityCounters.Empty with { EventTypeCounts = counts } };

        Assert.True(Evaluate(onboarding).IsMet(new EventCountCriterion(OnboardingEventTypes.ViewReports, GreaterOrEqual, 2)));
        Assert.False(Evaluate(onboarding).IsMet(new EventCountCriterion(OnboardingEventTypes.VideoPlayed, GreaterOrEqual, 1)));
    }

    [Fact]
    public void CompositeAndIsMetOnlyWhenEveryCriterionIs()
    {
        var both = new CompositeAndCriterion([OneEvent, OneTeam]);

        Assert.False(Evaluate(With("event_created", 1)).IsMet(both));
        Assert.True(Evaluate(With("event_created", 1).With("team_created", 1)).IsMet(both));
    }

    [Fact]
    public void CompositeOrIsMetWhenAnyCriterionIs()
    {
        var either = new CompositeOrCriterion([OneEvent, OneTeam]);

        Assert.False(Evaluate(New()).IsMet(either));
        Assert.True(Evaluate(With("team_created", 1)).IsMet(either));
    }

    [Fact]
    public void AnOrInsideAnAndNeedsOneOfItsChildrenAndTheOtherBranch()
    {
        var criterion = new CompositeAndCriterion([new CompositeOrCriterion([OneEvent, OneTeam]), OneAssignment]);

        Assert.False(Evaluate(With("assignment_created", 1)).IsMet(criterion));
        Assert.False(Evaluate(With("team_created", 1)).IsMet(criterion));
        Assert.True(Evaluate(With("team_created", 1).With("assignment_created", 1)).IsMet(criterion));
    }

    [Fact]
    public void AnAndInsideAnOrNeedsAllItsChildrenUnlessTheOtherBranchHolds()
    {
        var criterion = new CompositeOrCriterion([new CompositeAndCriterion([OneEvent, OneTeam]), OneAssignment]);

        Assert.False(Evaluate(With("event_created", 1)).IsMet(criterion));
        Assert.True(Evaluate(With("event_created", 1).With("team_created", 1)).IsMet(criterion));
        Assert.True(Evaluate(With("assignment_created", 1)).IsMet(criterion));
    }

    [Fact]
    public void CompositesNestToAnyDepth()
    {
        Criterion criterion = OneEvent;
        for (var depth = 0; depth < 20; depth++)
        {
            criterion = depth % 2 == 0 ? new CompositeAndCriterion([criterion]) : new CompositeOrCriterion([criterion, new ManualCriterion()]);
        }

        Assert.False(Evaluate(New()).IsMet(criterion));
        Assert.True(Evaluate(With("event_created", 1)).IsMet(criterion));
    }

    [Fact]
    public void AManualCriterionIsNeverMetByEvaluation()
    {
        var busy = With("event_created", 10).With(OnboardingEventTypes.ViewReports, 10);

        Assert.False(Evaluate(busy).IsMet(new ManualCriterion()));
        Assert.False(Evaluate(busy).IsMet(new CompositeOrCriterion([new ManualCriterion()])));
    }

    [Fact]
    public void ACountingCriterionReportsItsCountAgainstItsThreshold()
    {
        var onboarding = With("volunteer_added", 2).With(OnboardingEventTypes.ViewReports, 1);

        Assert.Equal(new CriterionProgress(2, 3), Evaluate(onboarding).Progress(new ActivityCountCriterion("volunteers", GreaterOrEqual, 3)));
        Assert.Equal(new CriterionProgress(1, 4), Evaluate(onboarding).Progress(new EventCountCriterion(OnboardingEventTypes.ViewReports, GreaterOrEqual, 4)));
    }

    [Fact]
    public void ACountingCriterionReportsItsRealCountPastTheThreshold()
    {
        var onboarding = With("volunteer_added", 7);

        Assert.Equal(new CriterionProgress(7, 3), Evaluate(onboarding).Progress(new ActivityCountCriterion("volunteers", GreaterOrEqual, 3)));
    }

    [Fact]
    public void AStrictlyGreaterCriterionTargetsTheFirstCountThatMeetsIt()
    {
        var onboarding = With("team_created", 2);

        Assert.Equal(new CriterionProgress(2, 3), Evaluate(onboarding).Progress(new ActivityCountCriterion("teams", Greater, 2)));
    }

    [Fact]
    public void AStateCheckReportsOneOfOneWhenMetAndZeroOfOneOtherwise()
    {
        var criterion = new StateCheckCriterion("wizard.completedSteps", GreaterOrEqual, 2);

        Assert.Equal(new CriterionProgress(1, 1), Evaluate(WithCompletedWizardSteps(2)).Progress(criterion));
        Assert.Equal(new CriterionProgress(0, 1), Evaluate(WithCompletedWizardSteps(1)).Progress(criterion));
    }

    [Fact]
    public void ACompositeReportsHowManyOfItsDirectChildrenAreMet()
    {
        var criterion = new CompositeAndCriterion([OneEvent, new CompositeOrCriterion([OneTeam, OneAssignment]), new ManualCriterion()]);

        Assert.Equal(new CriterionProgress(0, 3), Evaluate(New()).Progress(criterion));
        Assert.Equal(new CriterionProgress(2, 3), Evaluate(With("event_created", 1).With("team_created", 1)).Progress(criterion));
        Assert.Equal(new CriterionProgress(1, 2), Evaluate(With("assignment_created", 1)).Progress(new CompositeOrCriterion([OneEvent, OneAssignment])));
    }

    [Fact]
    public void AManualCriterionHasNoProgress()
    {
        Assert.Null(Evaluate(New()).Progress(new ManualCriterion()));
    }

    private static CriteriaEvaluator Evaluate(OrganizationOnboarding onboarding) => new(onboarding, WizardSteps);

    private static OrganizationOnboarding WithCompletedWizardSteps(int count)
    {
        var steps = ImmutableSortedDictionary.CreateRange(
            Enumerable.Range(1, count).Select(step => KeyValuePair.Create(step, new WizardStepState("{}", Now, Now))));
        return New() with { State = New().State with { Wizard = WizardState.NotStarted with { Steps = steps, StartedAt = Now } } };
    }
}
