using Microsoft.AspNetCore.Http.HttpResults;
using Onboarding.Functions.Http;

namespace Onboarding.Functions.Organizations;

/// <summary>
/// ETags on responses and If-Match on changes, so a client can refuse to overwrite what it has not seen. Each
/// representation's ETag covers the rows it shows (<see cref="ETagScope"/>).
/// </summary>
public static class ConditionalRequests
{
    /// <summary>The request's If-Match, to be checked against the ETag of <paramref name="scope"/> (or the overview's).</summary>
    public static IfMatch? IfMatch(HttpRequest request, ETagScope scope) =>
        request.Headers.IfMatch.Count > 0 ? new IfMatch(request.Headers.IfMatch.ToString(), scope) : null;

    /// <summary>The outcome of a change as an HTTP result: 200 with <paramref name="view"/> and the new ETag of <paramref name="scope"/>, or a problem.</summary>
    public static Results<Ok<T>, ProblemHttpResult> Respond<T>(HttpResponse response, UpdateOutcome outcome, ETagScope scope, Func<OrganizationSnapshot, T> view)
    {
        if (Refusal(outcome) is { } problem)
        {
            return problem;
        }
        response.Headers.ETag = outcome.Snapshot.ETagOf(scope);
        return TypedResults.Ok(view(outcome.Snapshot));
    }

    /// <summary>A failed precondition or a domain refusal as its problem; null when the change succeeded.</summary>
    public static ProblemHttpResult? Refusal(UpdateOutcome outcome) =>
        outcome.PreconditionFailed ? Problems.PreconditionFailed()
        : outcome.Error is { } error ? Problems.From(error)
        : null;

    public static Ok<T> Read<T>(HttpResponse response, OrganizationSnapshot snapshot, ETagScope scope, T view)
    {
        response.Headers.ETag = snapshot.ETagOf(scope);
        return TypedResults.Ok(view);
    }
}
