using Microsoft.AspNetCore.Builder;
using Onboarding.LocalFunctionsHost.Configuration;

namespace Onboarding.LocalFunctionsHost.Http;

/// <summary>
/// CORS in front of every route, as <c>func start</c> applies <c>Host.CORS</c>: ASP.NET Core's CORS
/// middleware with the listed origins, any request header and any method, and credentials when
/// <c>Host.CORSCredentials</c> is true. It answers every preflight itself (204; the allow headers only
/// for an allowed origin) and adds the allow-origin headers to other responses. It exposes no response
/// headers: the platform's CORS does not either, so the app sends its own <c>Access-Control-Expose-Headers</c>.
/// </summary>
public static class HostCors
{
    /// <summary>Adds the CORS middleware when origins are configured; throws, as ASP.NET Core does, for <c>*</c> with credentials.</summary>
    public static void UseHostCors(this IApplicationBuilder app, HostCorsSettings settings)
    {
        if (!settings.Enabled)
        {
            return;
        }
        app.UseCors(policy =>
        {
            policy.WithOrigins([.. settings.AllowedOrigins]).AllowAnyHeader().AllowAnyMethod();
            if (settings.SupportCredentials)
            {
                policy.AllowCredentials();
            }
        });
    }
}
