using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Onboarding.Domain.Wizard;
using Onboarding.Functions.Api;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Hosting;

namespace Onboarding.Functions.Overview;

public static class OverviewApi
{
    public static IEndpointRouteBuilder MapOverviewApi(this IEndpointRouteBuilder api)
    {
        var onboarding = api.MapGroup("/orgs/{orgId}/onboarding").WithTags("Onboarding");
        onboarding.MapGet("", GetOnboarding).AsFunction("GetOnboarding").RequireAccess(AccessLevel.OrgMember);
        onboarding.MapPost("/reset", ResetOnboarding).AsFunction("ResetOnboarding").RequireAccess(AccessLevel.OrgAdmin);
        return api;
    }

    /// <summary>Everything about the organization's onboarding, with its completion percent. An unknown organization reads as not started.</summary>
    public static async Task<Ok<OverviewView>> GetOnboarding(string orgId, HttpResponse response, [AsParameters] OnboardingServices services, CancellationToken cancellationToken)
    {
        var snapshot = await services.Updates.ReadAsync(orgId, cancellationToken);
        return ConditionalRequests.Read(response, snapshot, OverviewView.From(snapshot.Onboarding, services.Catalog, services.Clock.GetUtcNow()));
    }

    /// <summary>Starts the wizard over; checklist, features, tutorials and sample data reflect real activity and stay.</summary>
    public static async Task<Results<Ok<OverviewView>, ProblemHttpResult>> ResetOnboarding(
        string orgId, HttpContext http, [AsParameters] OnboardingServices services, CancellationToken cancellationToken)
    {
        var outcome = await services.Updates.ApplyAsync(orgId, (onboarding, _) => WizardRules.Reset(onboarding),
            ConditionalRequests.IfMatch(http.Request), cancellationToken);
        return ConditionalRequests.Respond(http.Response, outcome, snapshot => OverviewView.From(snapshot.Onboarding, services.Catalog, services.Clock.GetUtcNow()));
    }
}
