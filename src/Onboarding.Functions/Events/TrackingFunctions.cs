using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Functions.Api;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Catalog;
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
public sealed class TrackingFunctions(EventsQueue queue, CatalogVersions catalogs, TimeProvider clock, TrackingRateLimit rateLimit)
{
    /// <summary>Half the queue's 64 KiB, so the stamped events always fit one message.</summary>
    public const int MaxBodyBytes = 32 * 1024;
    public const int MaxEventsPerRequest = 50;

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
        var items = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("events", out var list) ? list : body;
        var events = items.ValueKind == JsonValueKind.Array ? items.EnumerateArray().ToList() : [items];
        if (items.ValueKind == JsonValueKind.Array && events.Count is 0 or > MaxEventsPerRequest)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["events"] = [$"Send 1 to {MaxEventsPerRequest} events."] });
        }

        var now = clock.GetUtcNow();
        var current = (await catalogs.GetAsync(cancellationToken)).Current;
        var userAgent = request.Headers.UserAgent.ToString();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var accepted = new List<OnboardingEvent>();
        for (var index = 0; index < events.Count; index++)
        {
            var prefix = events.Count == 1 && items.ValueKind != JsonValueKind.Array ? "" : $"events[{index}].";
            if (events[index].ValueKind != JsonValueKind.Object)
            {
                errors[prefix + "event"] = ["Expected a JSON object."];
                continue;
            }
            var stamped = JsonNode.Parse(events[index].GetRawText())!.AsObject();
            if (stamped["organizationId"] is JsonValue given && given.GetValueKind() == JsonValueKind.String && (string)given! != orgId)
            {
                return Problems.Create(StatusCodes.Status403Forbidden, "organization_mismatch", "Forbidden",
                    "Events can only be reported for the caller's own organization.");
            }
            stamped["organizationId"] = orgId;
            stamped["id"] ??= EventIds.New(now);
            stamped["timestamp"] ??= now.ToString("O");
            if (stamped["userAgent"] is null && stamped["client"] is null && userAgent.Length > 0)
            {
                stamped["userAgent"] = userAgent.Length > EventContract.MaxUserAgentLength ? userAgent[..EventContract.MaxUserAgentLength] : userAgent;
            }

            var validation = EventContract.ParseEvent(JsonSerializer.SerializeToElement(stamped), now, current);
            foreach (var group in validation.Problems.GroupBy(p => prefix + p.Field))
            {
                errors[group.Key] = [.. group.Select(p => p.Message)];
            }
            if (validation.Event is { } e)
            {
                if (!OnboardingEventTypes.BrowserReportable.Contains(e.Type))
                {
                    errors[prefix + "type"] = [$"'{e.Type}' cannot be reported from the browser; allowed: {string.Join(", ", OnboardingEventTypes.BrowserReportable.Order())}."];
                }
                else
                {
                    accepted.Add(e);
                }
            }
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors, "Nothing was recorded; fix the listed events and send them again.");
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
