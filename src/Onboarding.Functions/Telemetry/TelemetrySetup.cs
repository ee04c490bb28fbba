using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using Microsoft.Azure.Functions.Worker;

namespace Onboarding.Functions.Telemetry;

public static class TelemetrySetup
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    private const string ApplicationInsightsLoggerProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <summary>The app's meter (<see cref="OnboardingMetrics"/>), which costs nothing while nobody listens.</summary>
    public static IServiceCollection AddOnboardingMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<OnboardingMetrics>();
        return services;
    }

    /// <summary>
    /// Application Insights, logs and the app's metrics, when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, with the log scopes of
    /// <see cref="LogScopeMiddleware"/>. Its logger keeps only warnings by default; removing that rule lets the
    /// configured levels (Information) decide. The app's meter is exported through OpenTelemetry's Azure Monitor exporter. Without a connection string nothing is registered: the modules
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
        // The app's own meter (OnboardingMetrics) goes to the same resource as custom metrics.
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(OnboardingMetrics.MeterName)
            .AddAzureMonitorMetricExporter(options => options.ConnectionString = configuration[ConnectionStringSetting]));
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
