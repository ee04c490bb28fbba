using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Hosting;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel (real HTTP on a free loopback port) over the tests' Azurite. The local
/// trigger driver is off unless a test turns it on; settings and services are the test's to add.
/// </summary>
public sealed class OnboardingApplication : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AzureWebJobsStorage"] = TestStorage.ConnectionString,
        [FunctionsHostSetup.LocalDriverSetting] = "false",
        ["Auth:Issuer"] = TestTokens.Issuer,
        ["Auth:Audience"] = TestTokens.Audience,
        ["Auth:SigningKey"] = TestTokens.SigningKey,
        // Each app has its own events queue, so tests never take each other's messages.
        [Onboarding.Functions.Events.EventsQueue.Setting] = TestStorage.UniqueQueueName("events"),
    };
    private readonly List<Action<IServiceCollection>> serviceChanges = [];

    public OnboardingApplication()
    {
        // Listen(…, 0) rather than UseKestrel(0): with a minimal-hosting Program, UseKestrel(port) sets the
        // address after the host is built, racing the Program's own start ("Addresses cannot be modified
        // after the server has started").
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public OnboardingApplication WithSetting(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    /// <summary>A client on real HTTP carrying an admin token of <paramref name="organizationId"/>.</summary>
    public HttpClient ClientFor(string organizationId, string role = Onboarding.Functions.Auth.OnboardingRoles.OrgAdmin) =>
        CreateClient().WithToken(TestTokens.For(organizationId, role));

    public string EventsQueueName => settings[Onboarding.Functions.Events.EventsQueue.Setting]!;

    /// <summary>Starts the server and waits until its tables and events queues exist, so a test can use them at once.</summary>
    public async Task<OnboardingApplication> StartedAsync()
    {
        StartServer();
        await Services.GetRequiredService<Onboarding.Functions.Storage.StorageInitializer>().Ready;
        return this;
    }

    public OnboardingApplication WithLocalTriggerDriver() => WithSetting(FunctionsHostSetup.LocalDriverSetting, "true");

    public OnboardingApplication WithServices(Action<IServiceCollection> change)
    {
        serviceChanges.Add(change);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            foreach (var change in serviceChanges)
            {
                change(services);
            }
        });
    }
}
