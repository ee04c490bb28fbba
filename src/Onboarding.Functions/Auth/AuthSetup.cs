using Microsoft.AspNetCore.Authentication;

namespace Onboarding.Functions.Auth;

public static class AuthSetup
{
    public static IServiceCollection AddOnboardingAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddSingleton<BearerTokenValidator>();
        services.AddSingleton<FunctionAccessPolicies>();
        services.AddHostedService<AuthStartupCheck>();
        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        return services;
    }

    /// <summary>Checks the auth settings as the app starts, so a deployment without them fails at once, not on the first request.</summary>
    private sealed class AuthStartupCheck(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<BearerTokenValidator>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
