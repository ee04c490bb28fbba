using Microsoft.ApplicationInsights;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Telemetry;

namespace Onboarding.Functions.Tests.Api;

public sealed class TelemetrySetupTests
{
    [Fact]
    public void WithoutAConnectionStringNoTelemetryIsCollected()
    {
        var services = new ServiceCollection();

        services.AddOnboardingTelemetry(Configuration(null));

        Assert.Empty(services);
    }

    [Fact]
    public void WithAConnectionStringApplicationInsightsIsRegistered()
    {
        var services = new ServiceCollection();

        services.AddOnboardingTelemetry(Configuration("InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/"));

        Assert.Contains(services, d => d.ServiceType == typeof(TelemetryClient));
    }

    private static IConfiguration Configuration(string? connectionString) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [TelemetrySetup.ConnectionStringSetting] = connectionString })
        .Build();
}
