using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Domain.Catalog;
using Onboarding.Functions.Api;
using Onboarding.Functions.Auth;

namespace Onboarding.Functions.Analytics;

/// <summary>
/// Completion by organization for platform analysts: every organization with its completion, wizard status and times,
/// from the organizations index the commit path keeps, so a page costs the same however many organizations exist.
/// </summary>
public sealed class OrganizationsFunctions(OrganizationsIndex index, Catalog.CatalogVersions catalogs)
{
    private const string TokenPrefix = "organizations:";

    /// <summary>The <c>sort</c> values and the index partition each reads.</summary>
    private static readonly Dictionary<string, string> SortPartitions = new(StringComparer.Ordinal)
    {
        ["signedUpAt"] = OrganizationsIndex.BySignUp,
        ["completionPercent"] = OrganizationsIndex.ByCompletion,
    };

    /// <summary>
    /// Organizations by <c>sort</c> (<c>signedUpAt</c>, newest first, unknown sign-ups last; or <c>completionPercent</c>, highest first),
    /// optionally of one <c>status</c> and signed up from <c>signedUpFrom</c> to <c>signedUpTo</c> (UTC days, inclusive);
    /// <c>pageSize</c> (50, at most 200) per page with an opaque <c>continuationToken</c>, absent on the last page.
    /// </summary>
    [Function("GetAnalyticsOrganizations"), Access(AccessLevel.PlatformAnalyst), ProblemResponse(400, "validation_failed")]
    [QueryParameter("sort", "signedUpAt (newest first, default) or completionPercent (highest first)."), QueryParameter("status", "Only organizations of this status.")]
    [QueryParameter("signedUpFrom", "The first UTC day of sign-up (yyyy-MM-dd).", Format = "date"), QueryParameter("signedUpTo", "The last UTC day of sign-up (yyyy-MM-dd).", Format = "date")]
    [QueryParameter("pageSize", "Items per page, 1 to 200 (default 50).", Type = "integer"), QueryParameter("continuationToken", "The continuationToken of the previous page, with the same sort.")]
    public async Task<Results<Ok<OrganizationsView>, ProblemHttpResult>> Organizations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "analytics/organizations")] HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var sort = AnalyticsQuery.OneOf(request, "sort", [.. SortPartitions.Keys], errors) ?? "signedUpAt";
        var status = AnalyticsQuery.OneOf(request, "status", OrganizationsIndex.Statuses, errors);
        var from = AnalyticsQuery.OptionalDay(request, "signedUpFrom", errors, out _);
        var to = AnalyticsQuery.OptionalDay(request, "signedUpTo", errors, out _);
        if (from is not null && to is not null && to < from)
        {
            errors["signedUpTo"] = ["'signedUpTo' must not be before 'signedUpFrom'."];
        }
        var pageSize = AnalyticsQuery.Integer(request, "pageSize", 50, 1, 200, errors);
        var partition = SortPartitions.GetValueOrDefault(sort, OrganizationsIndex.BySignUp);
        var token = request.Query["continuationToken"].ToString();
        string? continuation = null;
        if (token.Length > 0 && (continuation = ContinuationTokens.Decode(TokenPrefix + partition + ":", token, OrganizationsIndex.IsContinuation)) is null)
        {
            errors["continuationToken"] = ["'continuationToken' must be a token from an earlier page of this list, with the same sort."];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var (items, next) = await index.PageAsync(partition, status, Start(from), Start(to?.AddDays(1)), pageSize!.Value, continuation, cancellationToken);
        var versions = await catalogs.GetAsync(cancellationToken);
        return TypedResults.Ok(new OrganizationsView(sort, status, [.. items.Select(i => OrganizationCompletionView.From(i, versions.For(i.Snapshot.Onboarding)))],
            next is null ? null : ContinuationTokens.Encode(TokenPrefix + partition + ":", next)));
    }

    private static DateTimeOffset? Start(DateOnly? day) => day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
}
