using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Domain.Events;
using Onboarding.Functions.Api;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Http;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Events;

/// <summary>What the tracking endpoint accepted and queued.</summary>
public sealed record TrackingReceipt(int Accepted, IReadOnlyList<string> EventIds);

/// <summary>
/// Browser-side tracking: the signed-in frontend reports events of its own organization
/// (<c>view_reports</c>, <c>video_played</c>, <c>video_completed</c>). They are validated, stamped with
/// the caller's organization and queued for ingestion; the answer is 202.
/// </summary>
public sealed class TrackingFunctions(EventsQueue queue, BrowserEvents browserEvents, TrackingRateLimit rateLimit)
{
    /// <summary>Half the queue's 64 KiB, so the stamped events always fit one message.</summary>
    public const int MaxBodyBytes = 32 * 1024;

    /// <summary>One event object, or <c>{"events": [...]}</c> with up to 50; all are accepted or none.</summary>
    [Function("TrackEvents"), Access(AccessLevel.OrgMember), AcceptsJson(OpenApiSchemas.TrackingRequest)]
    [ProblemResponse(403, "organization_mismatch"), ProblemResponse(429, "rate_limited")]
    public async Task<Results<Accepted<TrackingReceipt>, ProblemHttpResult>> TrackEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orgs/{orgId}/onboarding/events")] HttpRequest request, string orgId, CancellationToken cancellationToken)
    {
        if (rateLimit.Refuse(orgId, request.HttpContext.Response) is { } refused)
        {
            return refused;
        }
        var (body, problem) = await JsonBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var (accepted, refusal) = browserEvents.Read(body, orgId, request.Headers.UserAgent.ToString());
        if (refusal is not null)
        {
            return refusal;
        }
        var text = EventContract.ToBatchMessage(accepted);
        if (Encoding.UTF8.GetByteCount(text) > EventMessageParser.MaxMessageBytes)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, "payload_too_large", "Payload too large", "The events do not fit one queue message; send fewer.");
        }
        await queue.SendAsync(text, cancellationToken);
        return TypedResults.Accepted((string?)null, new TrackingReceipt(accepted.Count, [.. accepted.Select(e => e.Id)]));
    }
}
