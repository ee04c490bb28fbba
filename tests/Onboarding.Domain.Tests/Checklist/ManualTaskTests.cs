using Onboarding.Domain.Activity;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Checklist;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;
using static Onboarding.Domain.Tests.TestCatalogs;
using static Onboarding.Domain.Tests.TestOrganizations;

namespace Onboarding.Domain.Tests.Checklist;

public sealed class ManualTaskTests
{
    private static readonly OnboardingCatalog Catalog = WithTasks(
        Task("add_team", new ActivityCountCriterion("teams", ComparisonOperator.GreaterOrEqual, 1), order: 1),
        Task("book_a_call", new ManualCriterion(), order: 2),
        Task("old_manual", new ManualCriterion(), order: 3, isActive: false));

    [Fact]
    public void ActivityNeverCompletesAManualTask()
    {
        var busy = With("team_created", 50).With(OnboardingEventTypes.ViewReports, 50);

        var change = OnboardingProgress.Record(busy, Catalog, Now);

        Assert.DoesNotContain("book_a_call", change.After.State.Checklist.CompletedTasks.Keys);
    }

    [Fact]
    public void CompletingAManualTaskRecordsItWithOneEvent()
    {
        var result = ChecklistRules.CompleteManually(New(), Catalog, "book_a_call", Now);

        Assert.True(result.Succeeded);
        var completed = Assert.Single(result.Value!.Events);
        Assert.Equal((OnboardingEventTypes.ChecklistTaskCompleted, Id, Now, "book_a_call"), (completed.Type, completed.OrganizationId, completed.Timestamp, completed.DataString("taskId")));
        Assert.Equal(Now, result.Value.After.State.Checklist.CompletedTasks["book_a_call"]);
        Assert.True(ChecklistView.From(result.Value.After, Catalog).Tasks.Single(t => t.Id == "book_a_call").IsCompleted);
    }

    [Fact]
    public void CompletingAManualTaskAgainChangesNothing()
    {
        var completed = ChecklistRules.CompleteManually(New(), Catalog, "book_a_call", Now).Value!.After;

        var again = ChecklistRules.CompleteManually(completed, Catalog, "book_a_call", Now.AddDays(1));

        Assert.True(again.Succeeded);
        Assert.Empty(again.Value!.Events);
        Assert.Same(completed, again.Value.After);
    }

    [Fact]
    public void AManualCompletionSurvivesLaterProgressRecording()
    {
        var completed = ChecklistRules.CompleteManually(New(), Catalog, "book_a_call", Now).Value!.After;

        var change = OnboardingProgress.Record(completed, Catalog, Now.AddDays(1));

        Assert.Empty(change.Events);
        Assert.Equal(Now, change.After.State.Checklist.CompletedTasks["book_a_call"]);
    }

    [Fact]
    public void CompletingTheLastOpenTaskByHandCompletesTheChecklist()
    {
        var withTeam = OnboardingProgress.Record(With("team_created", 1), Catalog, Now).After;

        var change = ChecklistRules.CompleteManually(withTeam, Catalog, "book_a_call", Now.AddHours(1)).Value!;

        Assert.Null(withTeam.State.Checklist.CompletedAt);
        Assert.Equal(Now.AddHours(1), change.After.State.Checklist.CompletedAt);
    }

    [Fact]
    public void CompletingAnUnknownTaskIsNotFound()
    {
        var result = ChecklistRules.CompleteManually(New(), Catalog, "no_such_task", Now);

        var error = Assert.IsType<NotFoundError>(result.Error);
        Assert.Equal("checklist_task_not_found", error.Code);
    }

    [Fact]
    public void CompletingATaskThatActivityCompletesIsAConflict()
    {
        var result = ChecklistRules.CompleteManually(New(), Catalog, "add_team", Now);

        var error = Assert.IsType<ConflictError>(result.Error);
        Assert.Equal("checklist_task_not_manual", error.Code);
    }

    [Fact]
    public void CompletingASwitchedOffManualTaskIsAConflict()
    {
        var result = ChecklistRules.CompleteManually(New(), Catalog, "old_manual", Now);

        var error = Assert.IsType<ConflictError>(result.Error);
        Assert.Equal("checklist_task_inactive", error.Code);
    }

    [Fact]
    public void NoDefaultTaskCanBeCompletedByHand()
    {
        var results = DefaultCatalog.Catalog.ChecklistTasks.Select(t => ChecklistRules.CompleteManually(New(), DefaultCatalog.Catalog, t.Id, Now));

        Assert.All(results, r => Assert.Equal("checklist_task_not_manual", r.Error?.Code));
    }
}
