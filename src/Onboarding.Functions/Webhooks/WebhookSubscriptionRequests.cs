using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Onboarding.Domain;
using Onboarding.Domain.Webhooks;
using Onboarding.Functions.Http;

namespace Onboarding.Functions.Webhooks;

/// <summary>Reads and checks a subscription body: every field's error at once, as a 400 problem.</summary>
public sealed class WebhookSubscriptionRequests(IOptions<WebhookOptions> options)
{
    private const int MaxBodyBytes = 4 * 1024;
    private const string Example = """{"url": "https://hooks.example.com/onboarding", "types": ["onboarding.wizard_completed"]}""";

    public async Task<(WebhookSubscriptionRequest? Request, ProblemHttpResult? Problem)> ReadAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(http, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }
        if (JsonBody.RequireObjectWith(body, Example, "url", "types", "organizationId", "enabled") is { } refused)
        {
            return (null, refused);
        }
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var url = body.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        if (WebhookTargets.Refusal(url, options.Value.AllowLoopback) is { } badUrl)
        {
            errors["url"] = [badUrl];
        }
        var types = body.TryGetProperty("types", out var t) && t.ValueKind == JsonValueKind.Array && t.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String)
            ? t.EnumerateArray().Select(x => x.GetString()!).Distinct(StringComparer.Ordinal).ToList()
            : null;
        if (types is not { Count: > 0 } || types.Any(type => !WebhookMilestones.All.Contains(type)))
        {
            errors["types"] = [$"A non-empty list of: {string.Join(", ", WebhookMilestones.All.Order(StringComparer.Ordinal))}."];
        }
        string? organizationId = null;
        if (body.TryGetProperty("organizationId", out var o) && o.ValueKind != JsonValueKind.Null)
        {
            organizationId = o.ValueKind == JsonValueKind.String ? o.GetString() : null;
            if (!OrganizationIds.IsValid(organizationId))
            {
                errors["organizationId"] = ["An organization id, or null for every organization."];
            }
        }
        var enabled = true;
        if (body.TryGetProperty("enabled", out var e))
        {
            if (e.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors["enabled"] = ["true or false."];
            }
            enabled = e.ValueKind != JsonValueKind.False;
        }
        return errors.Count > 0 ? (null, Problems.Validation(errors)) : (new WebhookSubscriptionRequest(url!, types!, organizationId, enabled), null);
    }
}
