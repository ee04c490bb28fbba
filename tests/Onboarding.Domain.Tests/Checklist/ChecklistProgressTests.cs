using System.Collections.Immutable;
using Onboarding.Domain.Activity;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Checklist;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;
using Onboarding.Domain.Wizard;
using static Onboarding.Domain.Catalog.ComparisonOperator;
using static Onboarding.Domain.Tests.TestCatalogs;
using static Onboarding.Domain.Tests.TestOrganizations;

namespace Onboarding.Domain.Tests.Checklist;

public sealed class ChecklistProgressTests
{
    private static readonly OnboardingCatalog Default = DefaultCatalog.Catalog;
    private static readonly ActivityCountCriterion OneTeam = new("teams", GreaterOrEqual, 1);

    [Fact]
    public void ANewOrganizationHasNothingToRecord()
    {
        var onboarding = New();

        var change = OnboardingProgress.Record(onboarding, Default, Now);

        Assert.Empty(change.Events);
        Assert.Same(onboarding, change.After);
    }

    [Fact]
    public void CreatingTheFirstEventCompletesItsTaskWithOneEvent()
    {
        var change = OnboardingProgress.Record(With("event_created", 1), Default, Now);

        var completed = Assert.Single(change.Events);
        Assert.Equal(OnboardingEventTypes.ChecklistTaskCompleted, completed.Type);
        Assert.Equal(Id, completed.OrganizationId);
        Assert.Equal(Now, completed.Timestamp);
        Assert.Equal("create_first_event", completed.DataString("taskId"));
        Assert.Equal([KeyValuePair.Create("create_first_event", Now)], change.After.State.Checklist.CompletedTasks);
    }

    [Fact]
    public void EveryNewlyCompleteTaskHasItsOwnEventWithItsOwnId()
    {
        var change = OnboardingProgress.Record(EverythingDone(), Default, Now);

        var completions = change.Events.Where(e => e.Type == OnboardingEventTypes.ChecklistTaskCompleted).ToList();
        Assert.Equal(Default.ActiveTasks.Select(t => t.Id), completions.Select(e => e.DataString("taskId")));
        Assert.Equal(completions.Count, completions.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void RecordingItsOwnResultAgainCausesNothing()
    {
        var first = OnboardingProgress.Record(EverythingDone().With("event_created", 10), Default, Now);

        var again = OnboardingProgress.Record(first.After, Default, Now.AddMinutes(1));
        var afterItsEventsAreRecorded = OnboardingProgress.Record(first.After.Record(first.Events, DefaultCatalog.Catalog.Activity), Default, Now.AddMinutes(2));

        Assert.NotEmpty(first.Events);
        Assert.Empty(again.Events);
        Assert.Same(first.After, again.After);
        Assert.Empty(afterItsEventsAreRecorded.Events);
    }

    [Fact]
    public void AStickyTaskStaysCompleteWhenItsCounterDrops()
    {
        var recorded = OnboardingProgress.Record(With("volunteer_added", 3), Default, Now).After;
        var fewer = recorded.With("volunteer_deleted", 2);

        var change = OnboardingProgress.Record(fewer, Default, Now.AddDays(1));

        Assert.Empty(change.Events);
        Assert.Equal(Now, change.After.State.Checklist.CompletedTasks["invite_volunteers"]);
        var task = ChecklistView.From(change.After, Default).Tasks.Single(t => t.Id == "invite_volunteers");
        Assert.True(task.IsCompleted);
        Assert.Equal(new CriterionProgress(1, 3), task.Progress);
    }

    [Fact]
    public void ANonStickyTaskIsCompleteOnlyWhileItsCriteriaHold()
    {
        var catalog = WithTasks(Task("keep_a_team", OneTeam, sticky: false));
        var completed = OnboardingProgress.Record(With("team_created", 1), catalog, Now).After;

        var lapsed = OnboardingProgress.Record(completed.With("team_deleted", 1), catalog, Now.AddDays(1));

        Assert.Empty(lapsed.Events);
        Assert.Empty(lapsed.After.State.Checklist.CompletedTasks);
        Assert.False(Assert.Single(ChecklistView.From(lapsed.After, catalog).Tasks).IsCompleted);
    }

    [Fact]
    public void ANonStickyTaskCompletedAgainGetsANewTimeAndANewEvent()
    {
        var catalog = WithTasks(Task("keep_a_team", OneTeam, sticky: false));
        var completed = OnboardingProgress.Record(With("team_created", 1), catalog, Now).After;
        var lapsed = OnboardingProgress.Record(completed.With("team_deleted", 1), catalog, Now.AddDays(1)).After;

        var again = OnboardingProgress.Record(lapsed.With("team_created", 1), catalog, Now.AddDays(2));

        Assert.Equal("keep_a_team", Assert.Single(again.Events).DataString("taskId"));
        Assert.Equal(Now.AddDays(2), again.After.State.Checklist.CompletedTasks["keep_a_team"]);
    }

    [Fact]
    public void TheChecklistIsCompleteTheFirstTimeEveryActiveTaskIs()
    {
        var allButReports = OnboardingProgress.Record(EverythingDone(viewReports: false), Default, Now).After;

        var completed = OnboardingProgress.Record(allButReports.With(OnboardingEventTypes.ViewReports, 1), Default, Now.AddHours(1));

        Assert.Null(allButReports.State.Checklist.CompletedAt);
        Assert.Equal(Now.AddHours(1), completed.After.State.Checklist.CompletedAt);
        var last = Assert.Single(completed.Events);
        Assert.Equal("view_reports", last.DataString("taskId"));
        Assert.True(last.Data![ChecklistRules.ChecklistCompletedFlag]!.GetValue<bool>());
        Assert.DoesNotContain(OnboardingProgress.Record(EverythingDone(viewReports: false), Default, Now).Events,
            e => e.Data?.ContainsKey(ChecklistRules.ChecklistCompletedFlag) == true);
    }

    [Fact]
    public void TheChecklistCompletionTimeIsSetOnlyOnce()
    {
        var completed = OnboardingProgress.Record(EverythingDone(), Default, Now).After;
        var emptied = completed.With("event_deleted", 1).With("team_deleted", 1);

        var later = OnboardingProgress.Record(emptied, Default, Now.AddDays(3));

        Assert.Equal(Now, later.After.State.Checklist.CompletedAt);
    }

    [Fact]
    public void TheChecklistStaysCompletedWhenANonStickyTaskLapsesAfterwards()
    {
        var catalog = WithTasks(Task("keep_a_team", OneTeam, sticky: false));
        var completed = OnboardingProgress.Record(With("team_created", 1), catalog, Now).After;

        var lapsed = OnboardingProgress.Record(completed.With("team_deleted", 1), catalog, Now.AddDays(1)).After;

        var view = ChecklistView.From(lapsed, catalog);
        Assert.Equal(Now, view.CompletedAt);
        Assert.Equal(0, view.Percent);
    }

    [Fact]
    public void TheChecklistCompletionTimeIsItsOwnNotTheWizards()
    {
        var wizardDoneYesterday = EverythingDone(wizardCompletedAt: Now.AddDays(-1));

        var view = ChecklistView.From(OnboardingProgress.Record(wizardDoneYesterday, Default, Now).After, Default);

        Assert.Equal(Now, view.CompletedAt);
    }

    [Fact]
    public void InactiveTasksAreNeitherRecordedNorCounted()
    {
        var catalog = WithTasks(
            Task("add_team", OneTeam, order: 1),
            Task("create_event", new ActivityCountCriterion("events", GreaterOrEqual, 1), order: 2, isActive: false));
        var onboarding = With("team_created", 1).With("event_created", 1);

        var change = OnboardingProgress.Record(onboarding, catalog, Now);

        Assert.Equal("add_team", Assert.Single(change.Events).DataString("taskId"));
        Assert.Equal(["add_team"], change.After.State.Checklist.CompletedTasks.Keys);
        var view = ChecklistView.From(change.After, catalog);
        Assert.Equal(["add_team"], view.Tasks.Select(t => t.Id));
        Assert.Equal((1, 1, 100.0), (view.CompletedCount, view.TotalCount, view.Percent));
    }

    [Fact]
    public void ATaskSwitchedOffByTheDeploymentDoesNotHoldUpTheChecklist()
    {
        var catalog = Default.WithTaskActivity(new Dictionary<string, bool> { ["view_reports"] = false });

        var change = OnboardingProgress.Record(EverythingDone(viewReports: false), catalog, Now);

        var view = ChecklistView.From(change.After, catalog);
        Assert.Equal(Now, change.After.State.Checklist.CompletedAt);
        Assert.Equal((5, 5, 100.0), (view.CompletedCount, view.TotalCount, view.Percent));
    }

    [Fact]
    public void AnOrganizationWithOnlySampleActivityCompletesNothing()
    {
        var onboarding = New();
        foreach (var type in OnboardingEventTypes.Activity.Append(OnboardingEventTypes.ViewReports))
        {
            onboarding = onboarding.With(type, 20, isSample: true);
        }

        var change = OnboardingProgress.Record(onboarding, Default, Now);

        Assert.Empty(change.Events);
        Assert.Equal(0, ChecklistView.From(change.After, Default).Percent);
        Assert.Empty(change.After.State.Features.Unlocked);
    }

    [Fact]
    public void TheViewListsActiveTasksInTheirOrderWithTheirDefinitions()
    {
        var catalog = WithTasks(
            Task("third", OneTeam, order: 30),
            Task("first", OneTeam, order: 10),
            Task("hidden", OneTeam, order: 5, isActive: false),
            Task("second", new ManualCriterion(), order: 20));

        var view = ChecklistView.From(New(), catalog);

        Assert.Equal(["first", "second", "third"], view.Tasks.Select(t => t.Id));
        Assert.Equal(
            new ChecklistTaskView("first", "checklist.first.title", "checklist.first.description", "icon", "/first", 10, false, false, null, new CriterionProgress(0, 1)),
            view.Tasks[0]);
    }

    [Fact]
    public void TheViewShowsEachTasksCompletionAndProgress()
    {
        var onboarding = OnboardingProgress.Record(With("event_created", 1).With("volunteer_added", 2), Default, Now).After;

        var tasks = ChecklistView.From(onboarding, Default).Tasks.ToDictionary(t => t.Id);

        Assert.Equal((true, Now, new CriterionProgress(1, 1)), (tasks["create_first_event"].IsCompleted, tasks["create_first_event"].CompletedAt, tasks["create_first_event"].Progress));
        Assert.Equal((false, null, new CriterionProgress(2, 3)), (tasks["invite_volunteers"].IsCompleted, tasks["invite_volunteers"].CompletedAt, tasks["invite_volunteers"].Progress));
        Assert.Equal(new CriterionProgress(0, 1), tasks["complete_profile"].Progress);
        Assert.All(tasks.Values, t => Assert.False(t.IsManual));
    }

    [Fact]
    public void TheViewMarksAManualTaskAndGivesItNoProgress()
    {
        var catalog = WithTasks(Task("call_us", new ManualCriterion()));

        var task = Assert.Single(ChecklistView.From(New(), catalog).Tasks);

        Assert.True(task.IsManual);
        Assert.Null(task.Progress);
    }

    [Theory]
    [InlineData(0, 6, 0)]
    [InlineData(1, 6, 16.7)]
    [InlineData(3, 6, 50)]
    [InlineData(2, 3, 66.7)]
    [InlineData(1, 8, 12.5)]
    [InlineData(6, 6, 100)]
    [InlineData(1999, 2000, 99.9)]
    [InlineData(1, 2001, 0.1)]
    [InlineData(0, 0, 0)]
    public void ThePercentIsTheShareOfActiveTasksCompleteWithOneDecimal(int completed, int total, double percent)
    {
        var catalog = WithTasks([.. Enumerable.Range(0, total).Select(i => Task($"task_{i}", new ManualCriterion(), order: i))]);
        var records = ImmutableSortedDictionary.CreateRange(Enumerable.Range(0, completed).Select(i => KeyValuePair.Create($"task_{i}", Now)));
        var onboarding = New() with { State = New().State with { Checklist = ChecklistState.Empty with { CompletedTasks = records } } };

        var view = ChecklistView.From(onboarding, catalog);

        Assert.Equal((completed, total, percent), (view.CompletedCount, view.TotalCount, view.Percent));
    }

    [Fact]
    public void AChecklistWithoutActiveTasksIsNeverComplete()
    {
        var catalog = WithTasks(Task("hidden", OneTeam, isActive: false));

        var change = OnboardingProgress.Record(With("team_created", 1), catalog, Now);

        Assert.Null(change.After.State.Checklist.CompletedAt);
    }

    /// <summary>An organization whose activity meets every default task (the reports view optional).</summary>
    private static OrganizationOnboarding EverythingDone(bool viewReports = true, DateTimeOffset? wizardCompletedAt = null)
    {
        var wizard = WizardState.NotStarted with { StartedAt = Now.AddDays(-2), CompletedAt = wizardCompletedAt ?? Now.AddDays(-2) };
        var onboarding = New() with { State = New().State with { Wizard = wizard } };
        return onboarding
            .With("event_created", 1)
            .With("team_created", 1)
            .With("volunteer_added", 3)
            .With("assignment_created", 1)
            .With(OnboardingEventTypes.ViewReports, viewReports ? 1 : 0);
    }
}
