using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Onboarding.Domain.Features;
using Onboarding.Functions.Api;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Hosting;

namespace Onboarding.Functions.Features;

public static class FeaturesApi
{
    private const int MaxBodyBytes = 1024;

    public static IEndpointRouteBuilder MapFeaturesApi(this IEndpointRouteBuilder api)
    {
        var features = api.MapGroup("/orgs/{orgId}/onboarding/features").WithTags("Features");
        features.MapGet("", GetFeatures).AsFunction("GetFeatures").RequireAccess(AccessLevel.OrgMember);
        features.MapPut("", SetShowAll).AsFunction("SetFeatureVisibility").RequireAccess(AccessLevel.OrgAdmin).Accepts<ShowAllRequest>("application/json");
        return api;
    }

    /// <summary>The body of <c>PUT .../features</c>.</summary>
    public sealed record ShowAllRequest(bool ShowAll);

    /// <summary>Unlocked features, the show-all choice, and for each locked feature what is left to unlock it.</summary>
    public static async Task<Ok<FeaturesView>> GetFeatures(string orgId, HttpResponse response, [AsParameters] OnboardingServices services, CancellationToken cancellationToken)
    {
        var snapshot = await services.Updates.ReadAsync(orgId, cancellationToken);
        return ConditionalRequests.Read(response, snapshot, FeaturesView.From(snapshot.Onboarding, services.Catalog));
    }

    /// <summary>The answer to the show-all switch: the features afterwards and the events the change caused.</summary>
    public sealed record FeaturesChangeView(FeaturesView Features, IReadOnlyList<EventView> Events);

    /// <summary>Switches "show all features" on or off; unlocking by milestones goes on either way.</summary>
    public static async Task<Results<Ok<FeaturesChangeView>, ProblemHttpResult>> SetShowAll(
        string orgId, HttpContext http, [AsParameters] OnboardingServices services, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(http.Request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("showAll", out var showAll)
            || showAll.ValueKind is not (JsonValueKind.True or JsonValueKind.False) || body.EnumerateObject().Count() != 1)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["showAll"] = ["Send {\"showAll\": true} or {\"showAll\": false}."] });
        }
        var outcome = await services.Updates.ApplyAsync(orgId,
            (onboarding, now) => FeatureRules.SetShowAll(onboarding, showAll.GetBoolean(), now),
            ConditionalRequests.IfMatch(http.Request), cancellationToken);
        return ConditionalRequests.Respond(http.Response, outcome,
            snapshot => new FeaturesChangeView(FeaturesView.From(snapshot.Onboarding, services.Catalog), EventView.From(outcome.Events)));
    }
}
