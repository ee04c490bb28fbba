using System.Text.Json.Serialization;
using Onboarding.Domain.Analytics;

namespace Onboarding.Functions.Analytics;

/// <summary>
/// The wizard funnel of a range: per step, who reached, completed and dropped at it; and how many dismissed their onboarding.
/// With <c>experiment</c>: the same per variant of it (<c>variants</c>), the top level still over every organization.
/// </summary>
public sealed record FunnelView(
    DateOnly From, DateOnly To, IReadOnlyList<FunnelStepView> Steps, int Dismissed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Experiment = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FunnelVariantView>? Variants = null);

/// <summary>One variant's funnel: <c>assigned</c> is how many organizations the experiment assigned to it (by their first event naming it).</summary>
public sealed record FunnelVariantView(string Variant, int Assigned, IReadOnlyList<FunnelStepView> Steps, int Dismissed);

/// <summary>
/// One step: <c>dropOffPercent</c> is the share of those who reached it that dropped out there (one decimal),
/// <c>dropOffPercentOfStarted</c> the share of all who started the wizard (two decimals); the median duration is of its completions.
/// </summary>
public sealed record FunnelStepView(
    int Step, string Key, int Reached, int Completed, int Dropped, double DropOffPercent, double DropOffPercentOfStarted, double? MedianDurationSeconds);

/// <summary>Statistics of minutes: all but the count are null when there is nothing to count.</summary>
public sealed record MinutesView(int Count, double? Average, double? Median, double? P90, double? Min, double? Max)
{
    public static MinutesView From(SummaryStatistics s) => new(s.Count, Round(s.Average), Round(s.Median), Round(s.P90), Round(s.Min), Round(s.Max));

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;
}

/// <summary>
/// The wizard's completion time (<c>completionTimeMinutes</c> of the range's <c>wizard_completed</c> events) and the
/// checklist's (minutes from the first wizard start in the range to the last active task completed in the range, for
/// the organizations that started the wizard and completed every active task in the range).
/// </summary>
public sealed record CompletionTimeView(
    DateOnly From, DateOnly To, MinutesView Wizard, MinutesView Checklist,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Experiment = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CompletionVariantView>? Variants = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ComparisonView? Comparison = null);

/// <summary>
/// One variant: the organizations <c>assigned</c> to it; of them, <c>started</c> the wizard in the range and, of those,
/// <c>completed</c> it in the range; <c>completionRate</c> = completed ÷ started (null when none started); the times.
/// </summary>
public sealed record CompletionVariantView(string Variant, int Assigned, int Started, int Completed, double? CompletionRate, MinutesView Wizard, MinutesView Checklist);

/// <summary>The two variants' completion rates compared (exactly two variants): the pooled two-proportion z-test, two-sided.</summary>
public sealed record ComparisonView(IReadOnlyList<string> Variants, double Z, double PValue);

/// <summary>
/// Per day, the organizations with any (non-sample) event, the events by type and the distinct users (by pseudonym) the
/// events named; <c>distinctUsers</c>: users over the whole range, each once.
/// </summary>
public sealed record DailyActiveView(DateOnly From, DateOnly To, IReadOnlyList<ActiveDayView> Days, int DistinctUsers);

public sealed record ActiveDayView(DateOnly Day, int ActiveOrganizations, IReadOnlyDictionary<string, int> EventsByType, int ActiveUsers);

/// <summary>The checklist over the organizations that started the wizard in the range (<c>organizations</c>); with <c>experiment</c>, per variant too.</summary>
public sealed record ChecklistAnalyticsView(
    DateOnly From, DateOnly To, int Organizations, IReadOnlyList<ChecklistTaskView> Tasks,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Experiment = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ChecklistVariantView>? Variants = null);

/// <summary>One variant's checklist cohort: <c>assigned</c> organizations of the variant, <c>organizations</c> of them in the cohort.</summary>
public sealed record ChecklistVariantView(string Variant, int Assigned, int Organizations, IReadOnlyList<ChecklistTaskView> Tasks);

public sealed record ChecklistTaskView(string TaskId, int CompletedOrganizations, double CompletedPercent, double? MedianMinutesFromWizardStart);

/// <summary>
/// A page of stalled onboardings, newest first (<c>stage</c> as asked, absent for both); pass <c>continuationToken</c> back
/// for the next page: it is absent on the last.
/// </summary>
public sealed record StalledView(
    int OlderThanHours,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Stage,
    IReadOnlyList<StalledWizardView> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContinuationToken);

/// <summary>
/// One stalled organization: <c>stage</c> <c>signed_up</c> (current step 0, <c>startedAt</c> its sign-up) or <c>wizard</c>
/// (<c>startedAt</c> the wizard's start); <c>signedUpAt</c> and <c>hoursSinceSignUp</c> when its sign-up is known.
/// </summary>
public sealed record StalledWizardView(
    string OrganizationId, string Stage, int? CurrentStep, DateTimeOffset StartedAt, double HoursSinceStart,
    DateTimeOffset? SignedUpAt, double? HoursSinceSignUp, DateTimeOffset? LastActivityAt);

/// <summary>A page of organizations in <c>sort</c>'s order (of <c>status</c> when asked); <c>continuationToken</c> is absent on the last page.</summary>
public sealed record OrganizationsView(
    string Sort,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Status,
    IReadOnlyList<OrganizationCompletionView> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContinuationToken);

/// <summary>
/// One organization's onboarding from its state: <c>status</c> (<c>dismissed</c>, else the wizard's), the wizard's status and
/// current step, <c>completionPercent</c> (the overview's), sign-up, wizard start and completion, dismissal, last activity.
/// </summary>
public sealed record OrganizationCompletionView(
    string OrganizationId, string Status, string WizardStatus, int? CurrentStep, double CompletionPercent,
    DateTimeOffset? SignedUpAt, DateTimeOffset? WizardStartedAt, DateTimeOffset? WizardCompletedAt, DateTimeOffset? DismissedAt, DateTimeOffset? LastActivityAt)
{
    public static OrganizationCompletionView From(IndexedOrganization organization, Onboarding.Domain.Catalog.OnboardingCatalog catalog)
    {
        var state = organization.Snapshot.Onboarding.State;
        return new OrganizationCompletionView(
            organization.Entry.OrganizationId, organization.Entry.Status, OrganizationsIndex.WizardStatus(state.Wizard),
            state.Wizard.CurrentStep(catalog.WizardStepCount), organization.Entry.CompletionPercent,
            state.SignedUpAt, state.Wizard.StartedAt, state.Wizard.CompletedAt, state.DismissedAt,
            organization.Snapshot.StoredRows.Values.Select(r => r.Timestamp).Max());
    }
}
