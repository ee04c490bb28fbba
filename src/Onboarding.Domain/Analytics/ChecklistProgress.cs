using Onboarding.Domain.Events;

namespace Onboarding.Domain.Analytics;

/// <summary>One checklist task over a period: how many of the period's wizard starters completed it, their share, and the median minutes from wizard start.</summary>
public sealed record ChecklistTaskShare(string TaskId, int CompletedOrganizations, double CompletedPercent, double? MedianMinutesFromWizardStart);

/// <summary>One organization's facts of a period: its first wizard start and each task's first completion.</summary>
public sealed record ChecklistOrganizationData(string OrganizationId, DateTimeOffset? WizardStartedAt, IReadOnlyDictionary<string, DateTimeOffset> TasksCompletedAt);

/// <summary>
/// The checklist as a cohort: the organizations that started the wizard in a period (their first
/// <c>wizard_started</c> in it is time zero) and the tasks they completed in that period
/// (<c>checklist_task_completed</c>, the earliest per task). A task completed before the wizard started
/// counts 0 minutes. An organization completed the checklist once it completed every active task in the
/// period; its checklist completion time is its last task's minus its wizard start. Mergeable (earliest
/// times win), so per-day tallies add up to any range. Sample events never count.
/// </summary>
public sealed class ChecklistProgress
{
    private readonly Dictionary<string, DateTimeOffset> started = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> completed = new(StringComparer.Ordinal);

    public void Add(OnboardingEvent e)
    {
        if (e.IsSample)
        {
            return;
        }
        if (e.Type == OnboardingEventTypes.WizardStarted)
        {
            Earliest(started, e.OrganizationId, e.Timestamp);
        }
        else if (e.Type == OnboardingEventTypes.ChecklistTaskCompleted && e.DataString("taskId") is { } taskId)
        {
            Earliest(Tasks(e.OrganizationId), taskId, e.Timestamp);
        }
    }

    public void Merge(ChecklistProgress other)
    {
        foreach (var (organization, at) in other.started)
        {
            Earliest(started, organization, at);
        }
        foreach (var (organization, tasks) in other.completed)
        {
            var mine = Tasks(organization);
            foreach (var (task, at) in tasks)
            {
                Earliest(mine, task, at);
            }
        }
    }

    /// <summary>What this progress counted of <paramref name="organizations"/> only (one experiment variant's, say).</summary>
    public ChecklistProgress Only(IReadOnlySet<string> organizations)
    {
        var progress = new ChecklistProgress();
        foreach (var (organization, at) in started.Where(s => organizations.Contains(s.Key)))
        {
            progress.started[organization] = at;
        }
        foreach (var (organization, tasks) in completed.Where(c => organizations.Contains(c.Key)))
        {
            progress.completed[organization] = new Dictionary<string, DateTimeOffset>(tasks, StringComparer.Ordinal);
        }
        return progress;
    }

    /// <summary>How many organizations started the wizard in the period: the cohort the shares are of.</summary>
    public int Organizations => started.Count;

    /// <summary>Each of <paramref name="taskIds"/> (the active tasks, in catalog order) over the cohort.</summary>
    public IReadOnlyList<ChecklistTaskShare> Tasks(IEnumerable<string> taskIds) =>
        [.. taskIds.Select(task =>
        {
            var minutes = started
                .Where(s => completed.TryGetValue(s.Key, out var tasks) && tasks.ContainsKey(task))
                .Select(s => MinutesBetween(s.Value, completed[s.Key][task]))
                .ToList();
            return new ChecklistTaskShare(task, minutes.Count,
                started.Count == 0 ? 0 : Math.Round(100.0 * minutes.Count / started.Count, 1, MidpointRounding.AwayFromZero),
                SummaryStatistics.From(minutes).Median);
        })];

    /// <summary>Minutes from wizard start to the last of <paramref name="taskIds"/> of every cohort organization that completed them all.</summary>
    public IReadOnlyList<double> CompletionMinutes(IReadOnlyCollection<string> taskIds) =>
        taskIds.Count == 0
            ? []
            : [.. started
                .Where(s => completed.TryGetValue(s.Key, out var tasks) && taskIds.All(tasks.ContainsKey))
                .Select(s => MinutesBetween(s.Value, taskIds.Max(task => completed[s.Key][task])))];

    public IReadOnlyList<ChecklistOrganizationData> ToData() =>
        [.. started.Keys.Union(completed.Keys).Order(StringComparer.Ordinal).Select(organization => new ChecklistOrganizationData(
            organization,
            started.TryGetValue(organization, out var at) ? at : null,
            completed.TryGetValue(organization, out var tasks) ? tasks.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal) : new Dictionary<string, DateTimeOffset>()))];

    public static ChecklistProgress FromData(IEnumerable<ChecklistOrganizationData> data)
    {
        var progress = new ChecklistProgress();
        foreach (var organization in data)
        {
            if (organization.WizardStartedAt is { } at)
            {
                Earliest(progress.started, organization.OrganizationId, at);
            }
            foreach (var (task, completedAt) in organization.TasksCompletedAt)
            {
                Earliest(progress.Tasks(organization.OrganizationId), task, completedAt);
            }
        }
        return progress;
    }

    private static double MinutesBetween(DateTimeOffset start, DateTimeOffset end) => Math.Round(Math.Max(0, (end - start).TotalMinutes), 2);

    private Dictionary<string, DateTimeOffset> Tasks(string organization)
    {
        if (!completed.TryGetValue(organization, out var tasks))
        {
            completed[organization] = tasks = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        }
        return tasks;
    }

    private static void Earliest(Dictionary<string, DateTimeOffset> times, string key, DateTimeOffset at)
    {
        if (!times.TryGetValue(key, out var known) || at < known)
        {
            times[key] = at;
        }
    }
}
