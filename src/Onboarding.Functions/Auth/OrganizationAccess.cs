using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Onboarding.Domain;
using Onboarding.Functions.Http;

namespace Onboarding.Functions.Auth;

/// <summary>What a route needs of its caller.</summary>
public enum AccessLevel
{
    /// <summary>Anyone, without a token: only health and the API description.</summary>
    Anyone,

    /// <summary>Any member (or admin) of the route's organization.</summary>
    OrgMember,

    /// <summary>An admin of the route's organization: every state-changing onboarding route.</summary>
    OrgAdmin,

    /// <summary>
    /// Reading the organization's onboarding state (overview, wizard, checklist, sample data): its admins, as the
    /// seed says; its members too where <c>Auth:MembersReadOnboardingState</c> is true.
    /// </summary>
    OnboardingStateReader,

    /// <summary>A platform analyst: cross-organization analytics.</summary>
    PlatformAnalyst,

    /// <summary>A platform admin: the platform's integrations (webhook subscriptions).</summary>
    PlatformAdmin,

    /// <summary>
    /// An admin of the route's organization, or a platform analyst (whatever organization the analyst's token
    /// names): exporting and erasing an organization's data.
    /// </summary>
    OrgAdminOrAnalyst,
}

/// <summary>
/// The check every org route makes against the caller's token: 401 without a valid token, 404 when
/// the token belongs to another organization (never a hint that it exists), 403 when the role is short.
/// </summary>
public static class OrganizationAccess
{
    public const string OrgIdRouteValue = "orgId";

    /// <summary>Null when the caller may go on; otherwise the problem to answer with.</summary>
    public static async Task<IResult?> CheckAsync(HttpContext http, AccessLevel level)
    {
        if (level == AccessLevel.Anyone)
        {
            return null;
        }
        var authentication = await http.AuthenticateAsync(BearerAuthenticationHandler.SchemeName);
        if (!authentication.Succeeded)
        {
            var reason = authentication.Failure?.Message ?? "A bearer token is required.";
            http.Response.Headers.WWWAuthenticate = authentication.Failure is null
                ? "Bearer"
                : $"Bearer error=\"invalid_token\", error_description=\"{reason}\"";
            return Problems.Create(StatusCodes.Status401Unauthorized, "unauthenticated", "Unauthenticated", reason);
        }
        var user = authentication.Principal;
        http.User = user;
        if (level == AccessLevel.PlatformAdmin)
        {
            return user.IsInRole(OnboardingRoles.PlatformAdmin)
                ? null
                : Problems.Create(StatusCodes.Status403Forbidden, "role_required", "Forbidden", "This route needs the platform_admin role.");
        }
        if (level == AccessLevel.PlatformAnalyst)
        {
            return user.IsInRole(OnboardingRoles.PlatformAnalyst)
                ? null
                : Problems.Create(StatusCodes.Status403Forbidden, "role_required", "Forbidden", "This route needs the platform_analyst role.");
        }

        var orgId = http.Request.RouteValues[OrgIdRouteValue] as string;
        if (level == AccessLevel.OrgAdminOrAnalyst && user.IsInRole(OnboardingRoles.PlatformAnalyst))
        {
            return OrganizationIds.IsValid(orgId)
                ? null
                : Problems.NotFound("organization_not_found", "No organization with this id is visible to the caller.");
        }
        if (!OrganizationIds.IsValid(orgId) || !string.Equals(user.OrganizationId(), orgId, StringComparison.Ordinal))
        {
            return Problems.NotFound("organization_not_found", "No organization with this id is visible to the caller.");
        }
        if (!user.IsOrgMember())
        {
            return Problems.Create(StatusCodes.Status403Forbidden, "role_required", "Forbidden", "This route needs the org_member or org_admin role.");
        }
        if (level == AccessLevel.OnboardingStateReader && !user.IsOrgAdmin()
            && !http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.MembersReadOnboardingState)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, "role_required", "Forbidden", "The onboarding state is for the organization's admins (org_admin role).");
        }
        if (level == AccessLevel.OrgAdmin && !user.IsOrgAdmin())
        {
            return Problems.Create(StatusCodes.Status403Forbidden, "role_required", "Forbidden", "This change needs the org_admin role.");
        }
        if (level == AccessLevel.OrgAdminOrAnalyst && !user.IsOrgAdmin())
        {
            return Problems.Create(StatusCodes.Status403Forbidden, "role_required", "Forbidden", "This route needs the org_admin or platform_analyst role.");
        }
        return null;
    }
}
