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
        var result = await validator.AuthenticateAsync(header["Bearer ".Length..].Trim(), SchemeName, Context.RequestAborted);
        return result.Succeeded
            ? AuthenticateResult.Success(new AuthenticationTicket(result.Caller!, SchemeName))
            : AuthenticateResult.Fail(result.Failure!);
    }
}
