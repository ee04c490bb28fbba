using System.Text;

namespace Onboarding.DevTokens;

/// <summary>
/// The app's local auth settings, read from the same environment variables the app reads
/// (<c>Auth__SigningKey</c>, <c>Auth__Issuer</c>, <c>Auth__Audience</c>, claim names).
/// </summary>
public sealed record DevTokenSettings(byte[] SigningKey, string Issuer, string Audience, string OrganizationClaim, string RoleClaim)
{
    public const int MinimumKeyBytes = 32;

    /// <summary>The settings, or the reason no development token may be minted with them.</summary>
    public static (DevTokenSettings? Settings, string? Problem) Read(Func<string, string?> environment)
    {
        var key = environment("Auth__SigningKey");
        if (string.IsNullOrEmpty(key))
        {
            return (null, "No local signing key is configured (Auth__SigningKey): development tokens are only for an app that runs with one. " +
                "scripts/dev-token.sh sets the checkout's key from .dev/.");
        }
        byte[] bytes;
        try
        {
            bytes = key.StartsWith("base64:", StringComparison.Ordinal) ? Convert.FromBase64String(key["base64:".Length..]) : Encoding.UTF8.GetBytes(key);
        }
        catch (FormatException)
        {
            return (null, "Auth__SigningKey starts with 'base64:' but the rest is not base64.");
        }
        if (bytes.Length < MinimumKeyBytes)
        {
            return (null, $"Auth__SigningKey must be at least {MinimumKeyBytes} bytes.");
        }
        if (environment("Auth__Issuer") is not { Length: > 0 } issuer)
        {
            return (null, "Auth__Issuer must be set to mint development tokens.");
        }
        return (new DevTokenSettings(bytes, issuer,
            environment("Auth__Audience") is { Length: > 0 } audience ? audience : "onboarding-api",
            environment("Auth__OrganizationClaim") is { Length: > 0 } organizationClaim ? organizationClaim : "org_id",
            environment("Auth__RoleClaim") is { Length: > 0 } roleClaim ? roleClaim : "roles"), null);
    }
}
