using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost;
using Onboarding.LocalFunctionsHost.Configuration;
using Onboarding.LocalFunctionsHost.Worker;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>
/// The real function app end to end: the local Functions host (in the test process, on a free loopback
/// port) running the app's build as its own isolated-worker process over the tests' Azurite. Settings
/// reach the worker as app settings (<c>Auth:Issuer</c> becomes <c>Auth__Issuer</c>).
/// </summary>
public sealed class OnboardingApplication : ITestApp
{
    /// <summary>host.json values as app settings, the way the Functions host lets them be overridden.</summary>
    public const string HostJson = "AzureFunctionsJobHost:";

    private readonly Dictionary<string, string?> settings = TestSettings.Defaults();
    private readonly ConcurrentQueue<string> logs = new();
    private WebApplication? host;
    private Uri? baseAddress;

    public OnboardingApplication()
    {
        settings["AzureFunctionsWebHost:hostid"] = TestStorage.UniqueId();
    }

    public OnboardingApplication WithSetting(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    public string EventsQueueName => settings[Onboarding.Functions.Storage.EventsQueue.Setting]!;

    /// <summary>The worker process the host runs now (null while it has none).</summary>
    public int? WorkerProcessId => host?.Services.GetRequiredService<WorkerSupervisor>().WorkerProcessId;

    /// <summary>What the host and the worker logged, for a failing test's message.</summary>
    public IReadOnlyCollection<string> Logs => logs;

    /// <summary>Starts the host and waits until the worker has loaded the functions and storage answers.</summary>
    public async Task<OnboardingApplication> StartedAsync()
    {
        if (host is not null)
        {
            return this;
        }
        var overrides = settings.Where(s => s.Value is not null).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        host = Onboarding.LocalFunctionsHost.LocalFunctionsHost.Build(
            new HostStartupOptions { AppDirectory = FunctionApp.Directory, HttpPort = 0, SettingOverrides = overrides, InheritEnvironment = false },
            logging =>
            {
                logging.ClearProviders();
                logging.AddProvider(new CollectingLoggerProvider(logs));
            });
        await host.StartAsync();
        baseAddress = host.Services.GetRequiredService<HostListeners>().PublicUri;
        var catalog = host.Services.GetRequiredService<FunctionCatalog>();
        var waited = Stopwatch.StartNew();
        while (!catalog.IsReady)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException("The worker did not load its functions:\n" + string.Join("\n", logs));
            }
            await Task.Delay(50);
        }
        if (settings["AzureWebJobsStorage"] == TestStorage.ConnectionString)
        {
            await TestStorage.CreateAppStorageAsync(EventsQueueName, settings.GetValueOrDefault("SampleData:ExpiryIndexTable") is { } index ? [index] : []);
        }
        return this;
    }

    /// <summary>A client on real HTTP to the host (starting it first if a test has not).</summary>
    public HttpClient CreateClient()
    {
        if (baseAddress is null)
        {
            StartedAsync().GetAwaiter().GetResult();
        }
        return new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>A client on real HTTP carrying a token of <paramref name="organizationId"/> with <paramref name="role"/>.</summary>
    public HttpClient ClientFor(string organizationId, string role = Onboarding.Functions.Auth.OnboardingRoles.OrgAdmin) =>
        CreateClient().WithToken(TestTokens.For(organizationId, role));

    /// <summary>Runs a queue or timer function once through the host's admin API (it answers 202 and runs in the background).</summary>
    public async Task<HttpResponseMessage> RunFunctionAsync(string name, string input = "")
    {
        using var client = CreateClient();
        return await client.PostAsync("/admin/functions/" + name, JsonRequests.Json(System.Text.Json.JsonSerializer.Serialize(new { input })));
    }

    public async Task DrainAsync(TimeSpan? timeout = null)
    {
        var queue = TestStorage.Queues().GetQueueClient(EventsQueueName);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Queue {queue.Name} still has messages.");
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }
    }
}
