using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Domain.Analytics;
using Onboarding.Domain.Catalog;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Http;

namespace Onboarding.Functions.Analytics;

/// <summary>
/// Cross-organization onboarding analytics for platform analysts, over ranges of UTC days (at most 366). Closed days
/// come from their summaries, today is computed live; sample events never count. Read costs: README, "Analytics".
/// </summary>
public sealed class AnalyticsFunctions(
    AnalyticsStore store, ExperimentAssignments experiments, InProgressWizards inProgress, OnboardingCatalog catalog, TimeProvider clock)
{
    private const string Route = "analytics";

    /// <summary>The funnel's step 0: sign-up, where onboarding starts.</summary>
    private const string SignUpStepKey = "signed_up";

    /// <summary>
    /// Sign-up (step 0) and per wizard step: organizations that reached it, completed it, dropped out at it, the drop-off and the median step duration;
    /// and the organizations that dismissed their onboarding in the range. With <c>experiment</c>, the same per variant.
    /// </summary>
    [Function("GetAnalyticsFunnel"), Access(AccessLevel.PlatformAnalyst)]
    [QueryParameter("from", "The first UTC day (yyyy-MM-dd).", Required = true, Format = "date"), QueryParameter("to", "The last UTC day (yyyy-MM-dd), at most 366 days after from.", Required = true, Format = "date")]
    [QueryParameter("experiment", "An experiment id: answer per variant of it too.")]
    [ProblemResponse(400, "validation_failed")]
    public async Task<Results<Ok<FunnelView>, ProblemHttpResult>> Funnel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/funnel")] HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var experiment = AnalyticsQuery.Experiment(request, errors);
        if (AnalyticsQuery.Range(request, errors) is not { } range || errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var tally = await store.ReadAsync(range.From, range.To, cancellationToken);
        var variants = experiment is null ? null : await experiments.VariantsAsync(experiment, cancellationToken);
        return TypedResults.Ok(new FunnelView(range.From, range.To, FunnelSteps(tally.Funnel), tally.Funnel.Dismissed, experiment,
            variants?.Select(v =>
            {
                var funnel = tally.Funnel.Only(v.Value);
                return new FunnelVariantView(v.Key, v.Value.Count, FunnelSteps(funnel), funnel.Dismissed);
            }).ToList()));
    }

    private List<FunnelStepView> FunnelSteps(WizardFunnel funnel) =>
        [.. funnel.Steps(catalog.WizardStepCount).Prepend(funnel.SignUpStep()).Select(s =>
            new FunnelStepView(s.Step, s.Step == 0 ? SignUpStepKey : catalog.WizardStep(s.Step)?.Key ?? s.Step.ToString(System.Globalization.CultureInfo.InvariantCulture),
                s.Reached, s.Completed, s.Dropped, s.DropOffPercent, s.DropOffPercentOfStarted, s.MedianDurationSeconds))];

    /// <summary>
    /// Count, average, median, p90, min and max of the wizard's completion minutes, and of the checklist's. With <c>experiment</c>,
    /// per variant too, with its wizard completion rate, and for two variants the two-proportion z-test of those rates.
    /// </summary>
    [Function("GetAnalyticsCompletionTime"), Access(AccessLevel.PlatformAnalyst)]
    [QueryParameter("from", "The first UTC day (yyyy-MM-dd).", Required = true, Format = "date"), QueryParameter("to", "The last UTC day (yyyy-MM-dd), at most 366 days after from.", Required = true, Format = "date")]
    [QueryParameter("experiment", "An experiment id: answer per variant of it too.")]
    [ProblemResponse(400, "validation_failed")]
    public async Task<Results<Ok<CompletionTimeView>, ProblemHttpResult>> CompletionTime(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/completion-time")] HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var experiment = AnalyticsQuery.Experiment(request, errors);
        if (AnalyticsQuery.Range(request, errors) is not { } range || errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var tally = await store.ReadAsync(range.From, range.To, cancellationToken);
        var tasks = catalog.ActiveTasks.Select(t => t.Id).ToList();
        var variants = experiment is null ? null : (await experiments.VariantsAsync(experiment, cancellationToken)).Select(v =>
        {
            var only = tally.Only(v.Value);
            var started = only.Funnel.Started;
            var completed = only.Funnel.StartedAndCompleted(catalog.WizardStepCount);
            return new CompletionVariantView(v.Key, v.Value.Count, started, completed, started == 0 ? null : Math.Round((double)completed / started, 4, MidpointRounding.AwayFromZero),
                MinutesView.From(SummaryStatistics.From(only.WizardCompletionMinutes)), MinutesView.From(SummaryStatistics.From(only.Checklist.CompletionMinutes(tasks))));
        }).ToList();
        var comparison = variants is [var first, var second] && TwoProportionTest.Compare(first.Completed, first.Started, second.Completed, second.Started) is { } test
            ? new ComparisonView([first.Variant, second.Variant], Math.Round(test.Z, 4, MidpointRounding.AwayFromZero), Math.Round(test.PValue, 4, MidpointRounding.AwayFromZero))
            : null;
        return TypedResults.Ok(new CompletionTimeView(range.From, range.To,
            MinutesView.From(SummaryStatistics.From(tally.WizardCompletionMinutes)),
            MinutesView.From(SummaryStatistics.From(tally.Checklist.CompletionMinutes(tasks))), experiment, variants, comparison));
    }

    /// <summary>Per day, the organizations with any onboarding or activity event, the events by type and the distinct users; and the range's distinct users.</summary>
    [Function("GetAnalyticsDailyActive"), Access(AccessLevel.PlatformAnalyst)]
    [QueryParameter("from", "The first UTC day (yyyy-MM-dd).", Required = true, Format = "date"), QueryParameter("to", "The last UTC day (yyyy-MM-dd), at most 366 days after from.", Required = true, Format = "date")]
    [ProblemResponse(400, "validation_failed")]
    public async Task<Results<Ok<DailyActiveView>, ProblemHttpResult>> DailyActive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/daily-active")] HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (AnalyticsQuery.Range(request, errors) is not { } range)
        {
            return Problems.Validation(errors);
        }
        var tally = await store.ReadAsync(range.From, range.To, cancellationToken);
        return TypedResults.Ok(new DailyActiveView(range.From, range.To,
            [.. tally.Activity.Days(range.From, range.To).Select(d => new ActiveDayView(d.Day, d.ActiveOrganizations, d.EventsByType, d.ActiveUsers))],
            tally.Activity.DistinctUsers(range.From, range.To)));
    }

    /// <summary>
    /// Per active checklist task: the share of the range's wizard starters that completed it in the range, and the median minutes
    /// from wizard start. With <c>experiment</c>, the same per variant.
    /// </summary>
    [Function("GetAnalyticsChecklist"), Access(AccessLevel.PlatformAnalyst)]
    [QueryParameter("from", "The first UTC day (yyyy-MM-dd).", Required = true, Format = "date"), QueryParameter("to", "The last UTC day (yyyy-MM-dd), at most 366 days after from.", Required = true, Format = "date")]
    [QueryParameter("experiment", "An experiment id: answer per variant of it too.")]
    [ProblemResponse(400, "validation_failed")]
    public async Task<Results<Ok<ChecklistAnalyticsView>, ProblemHttpResult>> Checklist(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/checklist")] HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var experiment = AnalyticsQuery.Experiment(request, errors);
        if (AnalyticsQuery.Range(request, errors) is not { } range || errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var tally = await store.ReadAsync(range.From, range.To, cancellationToken);
        var variants = experiment is null ? null : (await experiments.VariantsAsync(experiment, cancellationToken)).Select(v =>
        {
            var cohort = tally.Checklist.Only(v.Value);
            return new ChecklistVariantView(v.Key, v.Value.Count, cohort.Organizations, ChecklistTasks(cohort));
        }).ToList();
        return TypedResults.Ok(new ChecklistAnalyticsView(range.From, range.To, tally.Checklist.Organizations, ChecklistTasks(tally.Checklist), experiment, variants));
    }

    private List<ChecklistTaskView> ChecklistTasks(ChecklistProgress progress) =>
        [.. progress.Tasks(catalog.ActiveTasks.Select(t => t.Id)).Select(t =>
            new ChecklistTaskView(t.TaskId, t.CompletedOrganizations, t.CompletedPercent, t.MedianMinutesFromWizardStart))];

    /// <summary>
    /// Organizations whose onboarding is stuck, more than <c>olderThanHours</c> (48) since it got there, newest first: signed
    /// up and never opened the wizard (<c>stage=signed_up</c>), or with a wizard neither completed nor skipped
    /// (<c>stage=wizard</c>); both without <c>stage</c>, signed-up ones first. Dismissed onboardings are left out.
    /// <c>pageSize</c> (50, at most 200) per page with an opaque <c>continuationToken</c>.
    /// </summary>
    [Function("GetAnalyticsStalled"), Access(AccessLevel.PlatformAnalyst), ProblemResponse(400, "validation_failed")]
    [QueryParameter("olderThanHours", "Started more than this many hours ago (default 48).", Type = "integer"), QueryParameter("pageSize", "Items per page, 1 to 200 (default 50).", Type = "integer")]
    [QueryParameter("continuationToken", "The continuationToken of the previous page."), QueryParameter("stage", "signed_up (never opened the wizard) or wizard (in progress); both when absent.")]
    public async Task<Results<Ok<StalledView>, ProblemHttpResult>> Stalled(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/stalled")] HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var hours = AnalyticsQuery.Integer(request, "olderThanHours", 48, 1, 24 * 3660, errors);
        var pageSize = AnalyticsQuery.Integer(request, "pageSize", 50, 1, 200, errors);
        var stage = AnalyticsQuery.OneOf(request, "stage", [InProgressWizards.SignedUpPartition, InProgressWizards.Partition], errors);
        var token = request.Query["continuationToken"].ToString();
        string? continuation = null;
        if (token.Length > 0 && (continuation = Decode(token)) is null)
        {
            errors["continuationToken"] = ["'continuationToken' must be a token from an earlier page of this list."];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var now = clock.GetUtcNow();
        var (items, next) = await inProgress.PageAsync(now.AddHours(-hours!.Value), stage, pageSize!.Value, continuation, cancellationToken);
        return TypedResults.Ok(new StalledView(hours.Value, stage, [.. items.Select(i => new StalledWizardView(
            i.OrganizationId, i.Stage, i.CurrentStep, i.StartedAt, Hours(now - i.StartedAt), i.SignedUpAt,
            i.SignedUpAt is { } signedUpAt ? Hours(now - signedUpAt) : null, i.LastActivityAt))],
            next is null ? null : Encode(next)));
    }

    private static double Hours(TimeSpan span) => Math.Round(span.TotalHours, 1, MidpointRounding.AwayFromZero);

    private const string TokenPrefix = "stalled:";

    private static string Encode(string continuation) => ContinuationTokens.Encode(TokenPrefix, continuation);

    private static string? Decode(string token) => ContinuationTokens.Decode(TokenPrefix, token, InProgressWizards.IsContinuation);
}
