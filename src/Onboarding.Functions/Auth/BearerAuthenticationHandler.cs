using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Onboarding.Functions.Auth;

/// <summary>Authenticates <c>Authorization: Bearer &lt;jwt&gt;</c>; the failure reason is kept for the 401 answer.</summary>
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    BearerTokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <token>'.");
        }
        var result = await validator.ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (!result.IsValid)
        {
            return AuthenticateResult.Fail(Describe(result.Exception));
        }
        var identity = validator.ToIdentity(result.ClaimsIdentity, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>A reason for the client that says what is wrong without echoing token contents.</summary>
    private static string Describe(Exception? exception) => exception?.GetType().Name switch
    {
        "SecurityTokenExpiredException" => "The token has expired.",
        "SecurityTokenNotYetValidException" => "The token is not valid yet.",
        "SecurityTokenInvalidAudienceException" => "The token was issued for another audience.",
        "SecurityTokenInvalidIssuerException" => "The token was issued by an untrusted issuer.",
        "SecurityTokenSignatureKeyNotFoundException" or "SecurityTokenInvalidSignatureException" => "The token signature is invalid.",
        "SecurityTokenNoExpirationException" => "The token has no expiry.",
        _ => "The token is not valid.",
    };
}
