using Microsoft.AspNetCore.Http.HttpResults;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.Api;

/// <summary>ETags on responses and If-Match on changes, so a client can refuse to overwrite what it has not seen.</summary>
public static class ConditionalRequests
{
    public static string? IfMatch(HttpRequest request) =>
        request.Headers.IfMatch.Count > 0 ? request.Headers.IfMatch.ToString() : null;

    /// <summary>The outcome of a change as an HTTP result: 200 with <paramref name="view"/> and the new ETag, or a problem.</summary>
    public static Results<Ok<T>, ProblemHttpResult> Respond<T>(HttpResponse response, UpdateOutcome outcome, Func<OrganizationSnapshot, T> view)
    {
        if (outcome.PreconditionFailed)
        {
            return Problems.PreconditionFailed();
        }
        if (outcome.Error is { } error)
        {
            return Problems.From(error);
        }
        response.Headers.ETag = outcome.Snapshot.HttpETag;
        return TypedResults.Ok(view(outcome.Snapshot));
    }

    public static Ok<T> Read<T>(HttpResponse response, OrganizationSnapshot snapshot, T view)
    {
        response.Headers.ETag = snapshot.HttpETag;
        return TypedResults.Ok(view);
    }
}
