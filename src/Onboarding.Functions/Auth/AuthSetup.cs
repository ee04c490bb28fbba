using Microsoft.AspNetCore.Authentication;

namespace Onboarding.Functions.Auth;

public static class AuthSetup
{
    public static IServiceCollection AddOnboardingAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddSingleton<BearerTokenValidator>();
        services.AddSingleton<FunctionAccessPolicies>();
        // A deployment without the auth settings fails at once, not on the first request.
        services.AddStartupCheck(provider => provider.GetRequiredService<BearerTokenValidator>());
        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        return services;
    }
}
