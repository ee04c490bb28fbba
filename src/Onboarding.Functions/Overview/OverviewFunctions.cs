using Microsoft.Azure.Functions.Worker;
using Microsoft.AspNetCore.Http.HttpResults;
using Onboarding.Domain.Wizard;
using Onboarding.Functions.Api;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Auth;

namespace Onboarding.Functions.Overview;

/// <summary>The whole onboarding of an organization, and starting it over.</summary>
public sealed class OverviewFunctions(OnboardingServices services)
{
    /// <summary>The rows this resource's representations show: what their ETag covers.</summary>
    private const ETagScope Shows = ETagScope.Organization;

    private const string Route = "orgs/{orgId}/onboarding";

    /// <summary>Everything about the organization's onboarding, with its completion percent. An unknown organization reads as not started.</summary>
    [Function("GetOnboarding"), Access(AccessLevel.OnboardingStateReader), ETagged]
    public async Task<Ok<OverviewView>> GetOnboarding(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string orgId, CancellationToken cancellationToken)
    {
        var snapshot = await services.Updates.ReadAsync(orgId, cancellationToken);
        return ConditionalRequests.Read(request.HttpContext.Response, snapshot, Shows, OverviewView.From(snapshot.Onboarding, services.Catalog, services.Clock.GetUtcNow()));
    }

    /// <summary>Starts the wizard over; checklist, features, tutorials and sample data reflect real activity and stay.</summary>
    [Function("ResetOnboarding"), Access(AccessLevel.OrgAdmin), ETagged]
    public async Task<Results<Ok<OverviewView>, ProblemHttpResult>> ResetOnboarding(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/reset")] HttpRequest request, string orgId, CancellationToken cancellationToken)
    {
        var outcome = await services.Updates.ApplyAsync(orgId, (onboarding, _) => WizardRules.Reset(onboarding),
            ConditionalRequests.IfMatch(request, Shows), cancellationToken);
        return ConditionalRequests.Respond(request.HttpContext.Response, outcome, Shows, snapshot => OverviewView.From(snapshot.Onboarding, services.Catalog, services.Clock.GetUtcNow()));
    }
}
