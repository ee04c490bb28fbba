using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost.Configuration;
using Onboarding.LocalFunctionsHost.Worker;

namespace Onboarding.LocalFunctionsHost.Tests.Infrastructure;

/// <summary>
/// The local Functions host started in the test process on a free port, running the real test worker
/// app as its own process over real Azurite. Each host gets its own queue, observations folder and host id.
/// </summary>
public sealed class RunningHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private RunningHost(WebApplication app, Observations observations, CollectedLogs logs, string queueName, string hostId)
    {
        _app = app;
        Observations = observations;
        Logs = logs;
        QueueName = queueName;
        HostId = hostId;
        Client = new HttpClient { BaseAddress = app.Services.GetRequiredService<HostListeners>().PublicUri, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    public Observations Observations { get; }

    public CollectedLogs Logs { get; }

    public string QueueName { get; }

    public string HostId { get; }

    public IServiceProvider Services => _app.Services;

    public int? WorkerProcessId => _app.Services.GetRequiredService<WorkerSupervisor>().WorkerProcessId;

    /// <summary>
    /// Starts a host; <paramref name="settings"/> adds or replaces app settings (TEST_SCHEDULE defaults to a yearly one);
    /// <paramref name="hostSection"/>, a JSON object, becomes the <c>Host</c> section of the local.settings.json it reads.
    /// </summary>
    public static async Task<RunningHost> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? queueName = null, string? hostId = null, string? appDirectory = null,
        string? hostSection = null)
    {
        queueName ??= TestStorage.UniqueName("q");
        hostId ??= TestStorage.UniqueName("host");
        var observations = Path.Combine(Path.GetTempPath(), "lfh-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(observations);
        var values = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = TestStorage.ConnectionString,
            ["TEST_QUEUE"] = queueName,
            ["TEST_SCHEDULE"] = "0 0 0 1 1 *",
            ["OBSERVATIONS_DIR"] = observations,
            ["AzureFunctionsWebHost__hostid"] = hostId,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }
        string? settingsFile = null;
        if (hostSection is not null)
        {
            settingsFile = Path.Combine(observations, "local.settings.json");
            await File.WriteAllTextAsync(settingsFile, $$"""{"Values":{},"Host":{{hostSection}}}""");
        }
        var logs = new CollectedLogs();
        var app = LocalFunctionsHost.Build(
            new HostStartupOptions { AppDirectory = appDirectory ?? TestWorkerApp.OutputDirectory, HttpPort = 0, SettingOverrides = values, SettingsFile = settingsFile },
            logging =>
            {
                logging.ClearProviders();
                logging.AddProvider(logs);
            });
        await app.StartAsync();
        return new RunningHost(app, new Observations(observations), logs, queueName, hostId);
    }

    /// <summary>Waits until a worker has loaded the functions (the timeout only bounds a broken run).</summary>
    public async Task WaitUntilReadyAsync()
    {
        var catalog = _app.Services.GetRequiredService<FunctionCatalog>();
        var deadline = Stopwatch.StartNew();
        while (!catalog.IsReady)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException("The worker did not become ready:\n" + string.Join("\n", Logs.Lines));
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until a worker other than <paramref name="previousProcessId"/> has loaded the functions.</summary>
    public async Task WaitForReplacementWorkerAsync(int previousProcessId)
    {
        var catalog = _app.Services.GetRequiredService<FunctionCatalog>();
        var deadline = Stopwatch.StartNew();
        while (!(WorkerProcessId is { } current && current != previousProcessId && catalog.IsReady))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException("No replacement worker became ready:\n" + string.Join("\n", Logs.Lines));
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the host as SIGTERM does (the observations stay readable until the host is disposed).</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_stopped)
        {
            await _app.StopAsync();
        }
        await _app.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Observations.Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
