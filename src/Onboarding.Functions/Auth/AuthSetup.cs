using Microsoft.AspNetCore.Authentication;

namespace Onboarding.Functions.Auth;

public static class AuthSetup
{
    public static IServiceCollection AddOnboardingAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddSingleton<BearerTokenValidator>();
        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        return services;
    }
}
