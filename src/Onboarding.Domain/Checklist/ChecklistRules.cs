using System.Text.Json.Nodes;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;

namespace Onboarding.Domain.Checklist;

/// <summary>
/// When checklist tasks count as complete and how their completions are recorded. A task is complete
/// the first time its criteria hold; a sticky task stays complete after that, a non-sticky one only
/// while its criteria hold; a manual task only once someone completes it by hand.
/// </summary>
public static class ChecklistRules
{
    /// <summary>Completes a <c>manual</c> task; completing it again changes nothing.</summary>
    public static DomainResult<OnboardingChange> CompleteManually(
        OrganizationOnboarding onboarding, OnboardingCatalog catalog, string taskId, DateTimeOffset now)
    {
        var task = catalog.ChecklistTask(taskId);
        if (task is null)
        {
            return new NotFoundError("checklist_task_not_found", $"There is no checklist task '{taskId}'.");
        }
        if (task.Criteria is not ManualCriterion)
        {
            return new ConflictError("checklist_task_not_manual", $"Checklist task '{taskId}' completes from activity, not by hand.");
        }
        if (!task.IsActive)
        {
            return new ConflictError("checklist_task_inactive", $"Checklist task '{taskId}' is switched off in this deployment.");
        }
        var checklist = onboarding.State.Checklist;
        if (checklist.CompletedTasks.ContainsKey(taskId))
        {
            return OnboardingChange.None(onboarding);
        }
        var after = WithChecklistCompletion(checklist with { CompletedTasks = checklist.CompletedTasks.Add(taskId, now) }, catalog, now);
        return new OnboardingChange(WithChecklist(onboarding, after), MarkingCompletion(checklist, after, [TaskCompleted(onboarding, taskId, now)]));
    }

    /// <summary>
    /// Records the active tasks that are complete now and were not before (one event each), drops
    /// the records of non-sticky tasks whose criteria no longer hold, and marks the checklist
    /// complete the first time every active task is.
    /// </summary>
    internal static OnboardingChange RecordCompletions(OrganizationOnboarding onboarding, OnboardingCatalog catalog, DateTimeOffset now)
    {
        var evaluator = new CriteriaEvaluator(onboarding, catalog);
        var before = onboarding.State.Checklist;
        var completedTasks = before.CompletedTasks;
        var events = new List<OnboardingEvent>();
        foreach (var task in catalog.ActiveTasks)
        {
            var recorded = before.CompletedTasks.ContainsKey(task.Id);
            var complete = IsComplete(task, before, evaluator);
            if (complete && !recorded)
            {
                completedTasks = completedTasks.Add(task.Id, now);
                events.Add(TaskCompleted(onboarding, task.Id, now));
            }
            else if (!complete && recorded)
            {
                completedTasks = completedTasks.Remove(task.Id);
            }
        }
        var after = WithChecklistCompletion(before with { CompletedTasks = completedTasks }, catalog, now);
        return after == before && events.Count == 0
            ? OnboardingChange.None(onboarding)
            : new OnboardingChange(WithChecklist(onboarding, after), MarkingCompletion(before, after, events));
    }

    /// <summary>The data flag on the <c>checklist_task_completed</c> event that completed the whole checklist.</summary>
    public const string ChecklistCompletedFlag = "checklistCompleted";

    /// <summary>The task events, the last one marked <c>checklistCompleted</c> when they completed the whole checklist.</summary>
    private static List<OnboardingEvent> MarkingCompletion(ChecklistState before, ChecklistState after, List<OnboardingEvent> events)
    {
        if (before.CompletedAt is null && after.CompletedAt is not null && events.Count > 0)
        {
            var last = events[^1];
            events[^1] = last with { Data = new JsonObject { ["taskId"] = last.DataString("taskId"), [ChecklistCompletedFlag] = true } };
        }
        return events;
    }

    /// <summary>Whether <paramref name="task"/> counts as complete, given what <paramref name="checklist"/> has recorded.</summary>
    internal static bool IsComplete(ChecklistTaskDefinition task, ChecklistState checklist, CriteriaEvaluator evaluator)
    {
        var recorded = checklist.CompletedTasks.ContainsKey(task.Id);
        return task.Criteria switch
        {
            ManualCriterion => recorded,
            _ when task.Sticky => recorded || evaluator.IsMet(task.Criteria),
            _ => evaluator.IsMet(task.Criteria),
        };
    }

    // Set once: a task activated or a non-sticky task lapsing later does not undo the moment the checklist was done.
    private static ChecklistState WithChecklistCompletion(ChecklistState checklist, OnboardingCatalog catalog, DateTimeOffset now)
    {
        if (checklist.CompletedAt is not null)
        {
            return checklist;
        }
        var active = catalog.ActiveTasks.ToList();
        return active.Count > 0 && active.All(t => checklist.CompletedTasks.ContainsKey(t.Id))
            ? checklist with { CompletedAt = now }
            : checklist;
    }

    private static OrganizationOnboarding WithChecklist(OrganizationOnboarding onboarding, ChecklistState checklist) =>
        onboarding with { State = onboarding.State with { Checklist = checklist } };

    private static OnboardingEvent TaskCompleted(OrganizationOnboarding onboarding, string taskId, DateTimeOffset now) => new(
        EventIds.New(now),
        onboarding.OrganizationId,
        OnboardingEventTypes.ChecklistTaskCompleted,
        now,
        Data: new JsonObject { ["taskId"] = taskId });
}
