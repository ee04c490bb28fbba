using System.Security.Claims;

namespace Onboarding.Functions.Auth;

/// <summary>The roles a token may carry.</summary>
public static class OnboardingRoles
{
    public const string OrgAdmin = "org_admin";
    public const string OrgMember = "org_member";
    public const string PlatformAnalyst = "platform_analyst";

    /// <summary>Operates the platform's integrations (webhook subscriptions); no organization's data.</summary>
    public const string PlatformAdmin = "platform_admin";

    /// <summary>The claim type the authentication handler puts the caller's organization in.</summary>
    public const string OrganizationClaimType = "onboarding:org";
}

public static class CallerClaims
{
    public static string? OrganizationId(this ClaimsPrincipal user) => user.FindFirst(OnboardingRoles.OrganizationClaimType)?.Value;

    public static bool IsOrgAdmin(this ClaimsPrincipal user) => user.IsInRole(OnboardingRoles.OrgAdmin);

    public static bool IsOrgMember(this ClaimsPrincipal user) => user.IsInRole(OnboardingRoles.OrgMember) || user.IsOrgAdmin();
}
