namespace Onboarding.Functions.Auth;

/// <summary>
/// Bearer-token settings (section <c>Auth</c>). Signing keys come from <see cref="Authority"/>'s OpenID
/// Connect metadata in production, or from <see cref="SigningKey"/> (HS256) for local development.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The token issuer (<c>iss</c>) to accept; defaults to the authority's issuer when an authority is set.</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience (<c>aud</c>) tokens must be issued for.</summary>
    public string Audience { get; set; } = "onboarding-api";

    /// <summary>An OpenID Connect authority whose metadata lists the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>A symmetric key for local development, at least 32 bytes (text, or base64 prefixed with <c>base64:</c>).</summary>
    public string? SigningKey { get; set; }

    /// <summary>The claim that names the caller's organization.</summary>
    public string OrganizationClaim { get; set; } = "org_id";

    /// <summary>The claim that lists the caller's roles (a JSON array, or roles separated by spaces).</summary>
    public string RoleClaim { get; set; } = "roles";

    public int ClockSkewSeconds { get; set; } = 120;

    /// <summary>Whether members may read the onboarding state (overview, wizard, checklist, sample data); by default only admins.</summary>
    public bool MembersReadOnboardingState { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    public void Validate()
    {
        if (string.IsNullOrEmpty(Authority) && string.IsNullOrEmpty(SigningKey))
        {
            throw new InvalidOperationException(
                "Auth is not configured: set Auth__Authority (an OpenID Connect authority) or, for local development, Auth__SigningKey.");
        }
        if (!string.IsNullOrEmpty(SigningKey) && SigningKeyBytes().Length < 32)
        {
            throw new InvalidOperationException("Auth__SigningKey must be at least 32 bytes.");
        }
        if (string.IsNullOrEmpty(Authority) && string.IsNullOrEmpty(Issuer))
        {
            throw new InvalidOperationException("Auth__Issuer is required when tokens are signed with Auth__SigningKey.");
        }
    }

    public byte[] SigningKeyBytes() =>
        SigningKey is null ? []
        : SigningKey.StartsWith("base64:", StringComparison.Ordinal) ? Convert.FromBase64String(SigningKey["base64:".Length..])
        : System.Text.Encoding.UTF8.GetBytes(SigningKey);
}
