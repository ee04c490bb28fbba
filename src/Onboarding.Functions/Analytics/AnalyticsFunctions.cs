using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Http;

namespace Onboarding.Functions.Analytics;

/// <summary>
/// Cross-organization onboarding analytics for platform analysts, over ranges of UTC days (at most 366). Closed days
/// come from their summaries, today is computed live; sample events never count. Read costs: README, "Analytics".
/// </summary>
public sealed class AnalyticsFunctions(AnalyticsRequests requests, AnalyticsAnswers answers, InProgressWizards inProgress, TimeProvider clock)
{
    private const string Route = "analytics";

    /// <summary>
    /// Sign-up (step 0) and per wizard step: organizations that reached it, completed it, dropped out at it, the drop-off and the median step duration;
    /// and the organizations that dismissed their onboarding in the range. With <c>experiment</c>, the same per variant.
    /// </summary>
    [Function("GetAnalyticsFunnel"), Access(AccessLevel.PlatformAnalyst)]
    [QueryParameter("from", "The first UTC day (yyyy-MM-dd).", Required = true, Format = "date"), QueryParameter("to", "The last UTC day (yyyy-MM-dd), at most 366 days after from.", Required = true, Format = "date")]
    [QueryParameter("catalogVersion", AnalyticsRequests.CatalogVersionDescription, Type = "integer"), QueryParameter("experiment", AnalyticsRequests.ExperimentDescription)]
    [ProblemResponse(400, "validation_failed")]
    public async Task<Results<Ok<FunnelView>, ProblemHttpResult>> Funnel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/funnel")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (asked, problem) = await requests.ReadAsync(request, byVariant: true, cancellationToken);
        if (asked is null)
        {
            return problem!;
        }
        return TypedResults.Ok(await answers.FunnelAsync(asked, cancellationToken));
    }

    /// <summary>
    /// Count, average, median, p90, min and max of the wizard's completion minutes, and of the checklist's. With <c>experiment</c>,
    /// per variant too, with its wizard completion rate, and for two variants the two-proportion z-test of those rates.
    /// </summary>
    [Function("GetAnalyticsCompletionTime"), Access(AccessLevel.PlatformAnalyst)]
    [QueryParameter("from", "The first UTC day (yyyy-MM-dd).", Required = true, Format = "date"), QueryParameter("to", "The last UTC day (yyyy-MM-dd), at most 366 days after from.", Required = true, Format = "date")]
    [QueryParameter("catalogVersion", AnalyticsRequests.CatalogVersionDescription, Type = "integer"), QueryParameter("experiment", AnalyticsRequests.ExperimentDescription)]
    [ProblemResponse(400, "validation_failed")]
    public async Task<Results<Ok<CompletionTimeView>, ProblemHttpResult>> CompletionTime(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/completion-time")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (asked, problem) = await requests.ReadAsync(request, byVariant: true, cancellationToken);
        if (asked is null)
        {
            return problem!;
        }
        return TypedResults.Ok(await answers.CompletionTimeAsync(asked, cancellationToken));
    }

    /// <summary>Per day, the organizations with any onboarding or activity event, the events by type and the distinct users; and the range's distinct users.</summary>
    [Function("GetAnalyticsDailyActive"), Access(AccessLevel.PlatformAnalyst)]
    [QueryParameter("from", "The first UTC day (yyyy-MM-dd).", Required = true, Format = "date"), QueryParameter("to", "The last UTC day (yyyy-MM-dd), at most 366 days after from.", Required = true, Format = "date")]
    [ProblemResponse(400, "validation_failed")]
    public async Task<Results<Ok<DailyActiveView>, ProblemHttpResult>> DailyActive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/daily-active")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (asked, problem) = await requests.ReadAsync(request, byVariant: false, cancellationToken);
        if (asked is null)
        {
            return problem!;
        }
        return TypedResults.Ok(await answers.DailyActiveAsync(asked, cancellationToken));
    }

    /// <summary>
    /// Per active checklist task: the share of the range's wizard starters that completed it in the range, and the median minutes
    /// from wizard start. With <c>experiment</c>, the same per variant.
    /// </summary>
    [Function("GetAnalyticsChecklist"), Access(AccessLevel.PlatformAnalyst)]
    [QueryParameter("from", "The first UTC day (yyyy-MM-dd).", Required = true, Format = "date"), QueryParameter("to", "The last UTC day (yyyy-MM-dd), at most 366 days after from.", Required = true, Format = "date")]
    [QueryParameter("catalogVersion", AnalyticsRequests.CatalogVersionDescription, Type = "integer"), QueryParameter("experiment", AnalyticsRequests.ExperimentDescription)]
    [ProblemResponse(400, "validation_failed")]
    public async Task<Results<Ok<ChecklistAnalyticsView>, ProblemHttpResult>> Checklist(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/checklist")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (asked, problem) = await requests.ReadAsync(request, byVariant: true, cancellationToken);
        if (asked is null)
        {
            return problem!;
        }
        return TypedResults.Ok(await answers.ChecklistAsync(asked, cancellationToken));
    }

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
