using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Http;

namespace Onboarding.Functions.Erasure;

/// <summary>Erasing everything held for an organization (its admin, or a platform analyst), and where that stands.</summary>
public sealed class ErasureFunctions(OrganizationErasure erasure, IOptions<ErasureOptions> options)
{
    private const string Route = "orgs/{orgId}/onboarding";

    /// <summary>The status of an organization's erasure: <c>completed</c>, <c>in_progress</c> or <c>not_requested</c>.</summary>
    public sealed record ErasureStatusView(ErasureStatus Status, string? Detail = null);

    /// <summary>
    /// Erases every row held for the organization. 200 <c>completed</c> when nothing is left (also for an organization
    /// erased before or never seen); 202 <c>in_progress</c> with <c>Location</c> (the status) when the time budget ran
    /// out first: the queue function finishes it, and another DELETE resumes it too.
    /// </summary>
    [Function("EraseOnboarding"), Access(AccessLevel.OrgAdminOrAnalyst), LocationHeader]
    public async Task<Results<Ok<ErasureStatusView>, Accepted<ErasureStatusView>>> Erase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route)] HttpRequest request, string orgId, CancellationToken cancellationToken)
    {
        if (await erasure.RunAsync(orgId, options.Value.RequestBudget, cancellationToken))
        {
            return TypedResults.Ok(new ErasureStatusView(ErasureStatus.Completed));
        }
        await erasure.ContinueInBackgroundAsync(orgId, [], cancellationToken);
        return TypedResults.Accepted($"/api/orgs/{orgId}/onboarding/erasure", new ErasureStatusView(ErasureStatus.InProgress,
            "The erasure continues in the background; GET the Location for its status. DELETE again resumes it as well."));
    }

    [Function("GetErasureStatus"), Access(AccessLevel.OrgAdminOrAnalyst)]
    public async Task<Ok<ErasureStatusView>> Status(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/erasure")] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ErasureStatusView(await erasure.StatusAsync(orgId, cancellationToken)));
}
