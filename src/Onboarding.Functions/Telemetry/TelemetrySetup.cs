using Microsoft.Azure.Functions.Worker;

namespace Onboarding.Functions.Telemetry;

public static class TelemetrySetup
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    private const string ApplicationInsightsLoggerProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <summary>
    /// Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, with the log scopes of
    /// <see cref="LogScopeMiddleware"/>. Its logger keeps only warnings by default; removing that rule lets the
    /// configured levels (Information) decide. Without a connection string nothing is registered: the modules
    /// (dependency tracking of every storage request, live metrics, heartbeats) would cost CPU for telemetry
    /// that goes nowhere.
    /// </summary>
    public static IServiceCollection AddOnboardingTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[ConnectionStringSetting]))
        {
            return services;
        }
        services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        services.Configure<LoggerFilterOptions>(options =>
        {
            if (options.Rules.FirstOrDefault(rule => rule.ProviderName == ApplicationInsightsLoggerProvider) is { } warningsOnly)
            {
                options.Rules.Remove(warningsOnly);
            }
        });
        return services;
    }
}
