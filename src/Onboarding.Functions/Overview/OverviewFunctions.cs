using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Lifecycle;
using Onboarding.Domain.State;
using Onboarding.Domain.Wizard;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Catalog;
using Onboarding.Functions.Http;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.Overview;

/// <summary>
/// The whole onboarding of an organization, starting it over, and dismissing it. Reset and dismiss change the state row
/// and answer with the overview, so their ETag and <c>If-Match</c> are the overview's (<see cref="ETagScope.Organization"/>).
/// </summary>
public sealed class OverviewFunctions(OnboardingServices services, CatalogVersions catalogs)
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
        return ConditionalRequests.Read(request.HttpContext.Response, snapshot, Shows, OverviewView.From(snapshot.Onboarding, services.Updates.CatalogOf(snapshot), services.Clock.GetUtcNow()));
    }

    /// <summary>Starts the wizard over; checklist, features, tutorials and sample data reflect real activity and stay.</summary>
    [Function("ResetOnboarding"), Access(AccessLevel.OrgAdmin), ETagged]
    public async Task<Results<Ok<OverviewView>, ProblemHttpResult>> ResetOnboarding(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/reset")] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        await ChangeAsync(request, orgId, (onboarding, _, _) => WizardRules.Reset(onboarding), cancellationToken);

    /// <summary>Dismisses the organization's onboarding (<c>onboarding_dismissed</c>; it leaves the stalled list); repeating it changes nothing.</summary>
    [Function("DismissOnboarding"), Access(AccessLevel.OrgAdmin), ETagged]
    public async Task<Results<Ok<OverviewView>, ProblemHttpResult>> DismissOnboarding(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/dismiss")] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        await ChangeAsync(request, orgId, (onboarding, _, now) => LifecycleRules.Dismiss(onboarding, now), cancellationToken);

    /// <summary>Takes a dismissal back: the onboarding shows again where it was; nothing when it is not dismissed.</summary>
    [Function("UndoDismissOnboarding"), Access(AccessLevel.OrgAdmin), ETagged]
    public async Task<Results<Ok<OverviewView>, ProblemHttpResult>> UndoDismissOnboarding(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route + "/dismiss")] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        await ChangeAsync(request, orgId, (onboarding, _, _) => LifecycleRules.Undismiss(onboarding), cancellationToken);

    /// <summary>
    /// Moves the organization to the current catalog version, keeping its completed steps (by key), tasks, tutorials and
    /// features (by id); its progress is then judged by the new version's criteria. On the current version already, nothing changes.
    /// </summary>
    [Function("UpgradeOnboardingCatalog"), Access(AccessLevel.OrgAdmin), ETagged]
    public async Task<Results<Ok<OverviewView>, ProblemHttpResult>> UpgradeCatalog(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/catalog-upgrade")] HttpRequest request, string orgId, CancellationToken cancellationToken)
    {
        var versions = await catalogs.GetAsync(cancellationToken);
        return await ChangeAsync(request, orgId, (onboarding, catalog, _) => versions.VersionOf(onboarding) == versions.CurrentVersion
            ? OnboardingChange.None(onboarding)
            : new OnboardingChange(CatalogUpgrade.Apply(onboarding, catalog, versions.Current, versions.CurrentVersion), []), cancellationToken);
    }

    private async Task<Results<Ok<OverviewView>, ProblemHttpResult>> ChangeAsync(
        HttpRequest request, string orgId, OrganizationUpdates.Rule rule, CancellationToken cancellationToken)
    {
        var outcome = await services.Updates.ApplyAsync(orgId, rule, ConditionalRequests.IfMatch(request, Shows), cancellationToken);
        return ConditionalRequests.Respond(request.HttpContext.Response, outcome, Shows, snapshot => OverviewView.From(snapshot.Onboarding, outcome.Catalog, services.Clock.GetUtcNow()));
    }
}
