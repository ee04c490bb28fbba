using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Domain.Catalog;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Http;

namespace Onboarding.Functions.Analytics;

/// <summary>
/// Completion by organization for platform analysts: every organization with its completion, wizard status and times,
/// from the organizations index the commit path keeps, so a page costs the same however many organizations exist.
/// </summary>
public sealed class OrganizationsFunctions(OrganizationsIndex index, Catalog.CatalogVersions catalogs)
{
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
        if (OrganizationsQuery.Read(request, errors) is not { } query)
        {
            return Problems.Validation(errors);
        }
        var (items, next) = await index.PageAsync(query.Partition, query.Status, query.From, query.Until, query.PageSize, query.Continuation, cancellationToken);
        var versions = await catalogs.GetAsync(cancellationToken);
        return TypedResults.Ok(new OrganizationsView(query.Sort, query.Status, [.. items.Select(i => OrganizationCompletionView.From(i, versions.For(i.Snapshot.Onboarding)))],
            next is null ? null : query.NextToken(next)));
    }
}
