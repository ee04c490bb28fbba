using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Onboarding.Functions.Auth;

/// <summary>
/// Validates bearer JWTs (signature, issuer, audience, lifetime) with
/// Microsoft.IdentityModel.JsonWebTokens and maps their organization and role claims.
/// </summary>
public sealed class BearerTokenValidator
{
    private readonly AuthOptions options;
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? metadata;

    public BearerTokenValidator(IOptions<AuthOptions> options)
    {
        this.options = options.Value;
        this.options.Validate();
        if (!string.IsNullOrEmpty(this.options.Authority))
        {
            var address = this.options.Authority.TrimEnd('/') + "/.well-known/openid-configuration";
            metadata = new ConfigurationManager<OpenIdConnectConfiguration>(address, new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = this.options.RequireHttpsMetadata });
        }
    }

    public async Task<TokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var parameters = new TokenValidationParameters
        {
            ValidAudience = options.Audience,
            ValidIssuer = options.Issuer,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(options.ClockSkewSeconds),
            NameClaimType = "sub",
            RoleClaimType = OnboardingRoles.OrganizationClaimType + ":role",
        };
        var keys = new List<SecurityKey>();
        if (options.SigningKeyBytes() is { Length: > 0 } symmetric)
        {
            keys.Add(new SymmetricSecurityKey(symmetric));
        }
        if (metadata is not null)
        {
            var configuration = await metadata.GetConfigurationAsync(cancellationToken);
            keys.AddRange(configuration.SigningKeys);
            parameters.ValidIssuer ??= configuration.Issuer;
        }
        parameters.IssuerSigningKeys = keys;
        return await handler.ValidateTokenAsync(token, parameters);
    }

    /// <summary>The caller's identity: subject, organization and roles under the types the app reads.</summary>
    public ClaimsIdentity ToIdentity(ClaimsIdentity validated, string scheme)
    {
        var identity = new ClaimsIdentity(scheme, "sub", OnboardingRoles.OrganizationClaimType + ":role");
        if (validated.FindFirst("sub") is { } subject)
        {
            identity.AddClaim(new Claim("sub", subject.Value));
        }
        if (validated.FindFirst(options.OrganizationClaim) is { Value.Length: > 0 } organization)
        {
            identity.AddClaim(new Claim(OnboardingRoles.OrganizationClaimType, organization.Value));
        }
        foreach (var role in validated.FindAll(options.RoleClaim).SelectMany(c => RoleValues(c.Value)))
        {
            identity.AddClaim(new Claim(identity.RoleClaimType, role));
        }
        return identity;
    }

    private static IEnumerable<string> RoleValues(string value)
    {
        if (value.StartsWith('['))
        {
            try
            {
                return JsonSerializer.Deserialize<string[]>(value) ?? [];
            }
            catch (JsonException)
            {
                return [];
            }
        }
        return value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
