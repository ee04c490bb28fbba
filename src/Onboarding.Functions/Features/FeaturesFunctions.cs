using System.Text.Json.Serialization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Domain.Features;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Http;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.Features;

/// <summary>Features unlocked by activity milestones, and the "show all features" switch.</summary>
public sealed class FeaturesFunctions(OnboardingServices services)
{
    /// <summary>The rows this resource's representations show: what their ETag covers.</summary>
    private const ETagScope Shows = ETagScope.Progress;

    private const string Route = "orgs/{orgId}/onboarding/features";
    private const int MaxBodyBytes = 1024;

    /// <summary>The body of <c>PUT .../features</c>.</summary>
    public sealed record ShowAllRequest([property: JsonRequired] bool ShowAll);

    /// <summary>Unlocked features, the show-all choice, and for each locked feature what is left to unlock it.</summary>
    [Function("GetFeatures"), Access(AccessLevel.OrgMember), ETagged]
    public async Task<Ok<FeaturesView>> GetFeatures(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string orgId, CancellationToken cancellationToken)
    {
        var snapshot = await services.Updates.ReadAsync(orgId, cancellationToken);
        return ConditionalRequests.Read(request.HttpContext.Response, snapshot, Shows, FeaturesView.From(snapshot.Onboarding, services.Updates.CatalogOf(snapshot)));
    }

    /// <summary>The answer to the show-all switch: the features afterwards and the events the change caused.</summary>
    public sealed record FeaturesChangeView(FeaturesView Features, IReadOnlyList<EventView> Events);

    /// <summary>Switches "show all features" on or off; unlocking by milestones goes on either way.</summary>
    [Function("SetFeatureVisibility"), Access(AccessLevel.OrgAdmin), ETagged, AcceptsJson(typeof(ShowAllRequest))]
    public async Task<Results<Ok<FeaturesChangeView>, ProblemHttpResult>> SetShowAll(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route)] HttpRequest request, string orgId, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ShowAllRequest>(request, MaxBodyBytes, "{\"showAll\": true}", cancellationToken);
        if (body is null)
        {
            return problem!;
        }
        var outcome = await services.Updates.ApplyAsync(orgId,
            (onboarding, _, now) => FeatureRules.SetShowAll(onboarding, body.ShowAll, now),
            ConditionalRequests.IfMatch(request, Shows), cancellationToken);
        return ConditionalRequests.Respond(request.HttpContext.Response, outcome, Shows,
            snapshot => new FeaturesChangeView(FeaturesView.From(snapshot.Onboarding, outcome.Catalog), EventView.From(outcome.Events)));
    }
}
