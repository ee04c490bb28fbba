using System.Net.Http.Headers;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Onboarding.Functions.Auth;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>Tokens as the tests' app accepts them (and variants it must refuse).</summary>
public static class TestTokens
{
    public const string Issuer = "https://identity.onboarding.test";
    public const string Audience = "onboarding-api";
    public const string SigningKey = "test-signing-key-that-is-long-enough-for-hs256";

    public static string For(string organizationId, string role = OnboardingRoles.OrgAdmin, string? audience = null, string? key = null,
        DateTime? expires = null, string? issuer = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = "user-" + organizationId, ["roles"] = new[] { role } };
        if (organizationId.Length > 0)
        {
            claims["org_id"] = organizationId;
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? Audience,
            Claims = claims,
            IssuedAt = (expires ?? now.AddHours(1)).AddHours(-2),
            NotBefore = (expires ?? now.AddHours(1)).AddHours(-2),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(key ?? SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    public static string Analyst() => For("", OnboardingRoles.PlatformAnalyst);

    public static string PlatformAdmin() => For("", OnboardingRoles.PlatformAdmin);

    public static HttpClient WithToken(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
