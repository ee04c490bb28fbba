using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Onboarding.Functions.Auth;

/// <summary>The outcome of authenticating a bearer token: the caller, or a reason that echoes nothing of the token.</summary>
public sealed record BearerAuthentication(ClaimsPrincipal? Caller, string? Failure)
{
    public bool Succeeded => Caller is not null;
}

/// <summary>
/// Validates bearer JWTs (signature, issuer, audience, lifetime) with Microsoft's
/// <see cref="JsonWebTokenHandler"/> — keys from the authority's OpenID Connect metadata through
/// <see cref="ConfigurationManager{T}"/>, or the local development key — and maps their organization and
/// role claims. The one place tokens are checked: ASP.NET Core's authentication handler calls it, and so
/// can a Functions worker middleware.
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

    /// <summary>Authenticates a token taken from <c>Authorization: Bearer …</c>.</summary>
    public async Task<BearerAuthentication> AuthenticateAsync(string token, string scheme, CancellationToken cancellationToken)
    {
        var result = await ValidateAsync(token, cancellationToken);
        return result.IsValid
            ? new BearerAuthentication(new ClaimsPrincipal(ToIdentity(result.ClaimsIdentity, scheme)), null)
            : new BearerAuthentication(null, Describe(result.Exception));
    }

    public async Task<TokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken) =>
        await handler.ValidateTokenAsync(token, await ParametersAsync(cancellationToken));

    /// <summary>
    /// The validation parameters, built once and again only when the authority's metadata (its keys, its issuer) is
    /// refreshed: the handler only reads them, as ASP.NET Core's JWT bearer handler shares its own across requests.
    /// </summary>
    private async Task<TokenValidationParameters> ParametersAsync(CancellationToken cancellationToken)
    {
        var configuration = metadata is null ? null : await metadata.GetConfigurationAsync(cancellationToken);
        if (current is { } built && ReferenceEquals(built.Source, configuration))
        {
            return built.Parameters;
        }
        var parameters = new TokenValidationParameters
        {
            ValidAudience = options.Audience,
            // An empty setting (as an unset environment variable often is) means "the authority's issuer".
            ValidIssuer = string.IsNullOrEmpty(options.Issuer) ? configuration?.Issuer : options.Issuer,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(options.ClockSkewSeconds),
            NameClaimType = "sub",
            RoleClaimType = OnboardingRoles.OrganizationClaimType + ":role",
            IssuerSigningKeys = [.. (options.SigningKeyBytes() is { Length: > 0 } symmetric ? [new SymmetricSecurityKey(symmetric)] : Array.Empty<SecurityKey>()),
                .. configuration?.SigningKeys ?? []],
        };
        current = new BuiltParameters(configuration, parameters);
        return parameters;
    }

    // A reference swapped whole, so a reader never sees one configuration's parameters paired with another's source.
    private BuiltParameters? current;

    private sealed record BuiltParameters(OpenIdConnectConfiguration? Source, TokenValidationParameters Parameters);

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
        // The handler turns a JSON array of roles into one claim per role; a space-separated string is split here.
        foreach (var role in validated.FindAll(options.RoleClaim).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            identity.AddClaim(new Claim(identity.RoleClaimType, role));
        }
        return identity;
    }

    /// <summary>A reason for the client that says what is wrong without echoing token contents.</summary>
    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The token was issued for another audience.",
        SecurityTokenInvalidIssuerException => "The token was issued by an untrusted issuer.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token signature is invalid.",
        SecurityTokenNoExpirationException => "The token has no expiry.",
        _ => "The token is not valid.",
    };
}
