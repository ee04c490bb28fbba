using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Functions.Http;

namespace Onboarding.Functions.Events;

/// <summary>What the tracking endpoint makes of a body: the events to queue, or the problem to answer.</summary>
public sealed record BrowserEventsResult(IReadOnlyList<OnboardingEvent> Accepted, ProblemHttpResult? Problem);

/// <summary>
/// The tracking endpoint's rules: the body is one event object or <c>{"events": [...]}</c> with up to 50; each is
/// stamped with the caller's organization (another one named is a 403), the caller as its user (the token's subject,
/// replaced by its pseudonym when validated; a user in the body is refused), an id, a time and the browser's user agent,
/// validated by the event contract and limited to the types a browser may report. All are accepted or none.
/// </summary>
public sealed class BrowserEvents(OnboardingCatalog catalog, Privacy.AnalyticsPseudonyms pseudonyms, TimeProvider clock)
{
    public const int MaxEventsPerRequest = 50;

    public BrowserEventsResult Read(JsonElement body, string organizationId, string userAgent, string? subject)
    {
        var items = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("events", out var list) ? list : body;
        var isList = items.ValueKind == JsonValueKind.Array;
        var events = isList ? items.EnumerateArray().ToList() : [items];
        if (isList && events.Count is 0 or > MaxEventsPerRequest)
        {
            return Refused(Problems.Validation(new Dictionary<string, string[]> { ["events"] = [$"Send 1 to {MaxEventsPerRequest} events."] }));
        }
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var accepted = new List<OnboardingEvent>();
        for (var index = 0; index < events.Count; index++)
        {
            var prefix = isList ? $"events[{index}]." : "";
            if (events[index].ValueKind != JsonValueKind.Object)
            {
                errors[prefix + "event"] = ["Expected a JSON object."];
                continue;
            }
            if (Stamp(events[index], organizationId, userAgent, now) is not { } stamped)
            {
                return Refused(Problems.Create(StatusCodes.Status403Forbidden, "organization_mismatch", "Forbidden",
                    "Events can only be reported for the caller's own organization."));
            }
            StampUser(stamped, subject, prefix, errors);
            if (Validate(stamped, prefix, now, errors) is { } valid)
            {
                accepted.Add(valid);
            }
        }
        return errors.Count > 0
            ? Refused(Problems.Validation(errors, "Nothing was recorded; fix the listed events and send them again."))
            : new BrowserEventsResult(accepted, null);
    }

    /// <summary>The event with the caller's organization, an id, a time and the user agent; null when it names another organization.</summary>
    private static JsonObject? Stamp(JsonElement item, string organizationId, string userAgent, DateTimeOffset now)
    {
        var stamped = JsonNode.Parse(item.GetRawText())!.AsObject();
        if (stamped["organizationId"] is JsonValue given && given.GetValueKind() == JsonValueKind.String && (string)given! != organizationId)
        {
            return null;
        }
        stamped["organizationId"] = organizationId;
        stamped["id"] ??= EventIds.New(now);
        stamped["timestamp"] ??= now.ToString("O");
        if (stamped["userAgent"] is null && stamped["client"] is null && userAgent.Length > 0)
        {
            stamped["userAgent"] = userAgent.Length > EventContract.MaxUserAgentLength ? userAgent[..EventContract.MaxUserAgentLength] : userAgent;
        }
        return stamped;
    }

    /// <summary>The caller is the event's user: a user named in the body is refused, the token's subject set.</summary>
    private static void StampUser(JsonObject stamped, string? subject, string prefix, Dictionary<string, string[]> errors)
    {
        foreach (var field in new[] { "userId", "userKey" }.Where(stamped.ContainsKey))
        {
            errors[prefix + field] = ["The user is the caller (the token's subject); leave it out."];
        }
        if (subject is { Length: > 0 })
        {
            stamped["userId"] = subject;
        }
    }

    /// <summary>The event when the contract takes it and a browser may report its type; otherwise its errors, under <paramref name="prefix"/>.</summary>
    private OnboardingEvent? Validate(JsonObject stamped, string prefix, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        // A browser reports only engine types, the same in every catalog version: the catalog file's version is enough.
        var validation = EventContract.ParseEvent(JsonSerializer.SerializeToElement(stamped), now, catalog, pseudonyms.Current);
        foreach (var group in validation.Problems.GroupBy(p => prefix + p.Field))
        {
            errors[group.Key] = [.. group.Select(p => p.Message)];
        }
        if (validation.Event is not { } e)
        {
            return null;
        }
        if (!OnboardingEventTypes.BrowserReportable.Contains(e.Type))
        {
            errors[prefix + "type"] = [$"'{e.Type}' cannot be reported from the browser; allowed: {string.Join(", ", OnboardingEventTypes.BrowserReportable.Order())}."];
            return null;
        }
        return e;
    }

    private static BrowserEventsResult Refused(ProblemHttpResult problem) => new([], problem);
}
