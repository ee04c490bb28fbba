using Onboarding.Domain.Catalog;
using Onboarding.Domain.State;

namespace Onboarding.Domain.Checklist;

/// <summary>
/// One active checklist task as the organization sees it: what the catalog says about it, whether it
/// is complete and since when, and its progress (null for a manual task).
/// </summary>
public sealed record ChecklistTaskView(
    string Id,
    string TitleKey,
    string DescriptionKey,
    string Icon,
    string QuickActionUrl,
    int Order,
    bool IsManual,
    bool IsCompleted,
    DateTimeOffset? CompletedAt,
    CriterionProgress? Progress);

/// <summary>
/// The organization's checklist: its active tasks in catalog order, how many are complete, and when
/// the whole checklist was first complete. Build it from the result of
/// <see cref="OnboardingProgress.Record"/> so that every complete task has its completion time.
/// </summary>
public sealed record ChecklistView(IReadOnlyList<ChecklistTaskView> Tasks, DateTimeOffset? CompletedAt)
{
    public int CompletedCount => Tasks.Count(t => t.IsCompleted);

    /// <summary>The number of active tasks; switched-off tasks are not part of the checklist.</summary>
    public int TotalCount => Tasks.Count;

    /// <summary>
    /// The share of active tasks complete, 0 to 100 with one decimal (as the seed's completion percentage); 100 only
    /// when all are, 0 only when none is (and when there are no active tasks).
    /// </summary>
    public double Percent
    {
        get
        {
            var (completed, total) = (CompletedCount, TotalCount);
            if (total == 0)
            {
                return 0;
            }
            var rounded = Math.Round(100.0 * completed / total, 1, MidpointRounding.AwayFromZero);
            return Math.Clamp(rounded, completed > 0 ? 0.1 : 0, completed < total ? 99.9 : 100);
        }
    }

    public static ChecklistView From(OrganizationOnboarding onboarding, OnboardingCatalog catalog)
    {
        var evaluator = new CriteriaEvaluator(onboarding, catalog);
        var checklist = onboarding.State.Checklist;
        var tasks = catalog.ActiveTasks.Select(task =>
        {
            var completed = ChecklistRules.IsComplete(task, checklist, evaluator);
            return new ChecklistTaskView(
                task.Id,
                task.TitleKey,
                task.DescriptionKey,
                task.Icon,
                task.QuickActionUrl,
                task.Order,
                task.Criteria is ManualCriterion,
                completed,
                completed && checklist.CompletedTasks.TryGetValue(task.Id, out var at) ? at : null,
                evaluator.Progress(task.Criteria));
        });
        return new ChecklistView([.. tasks], checklist.CompletedAt);
    }
}
