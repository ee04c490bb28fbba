using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost.Configuration;
using Onboarding.LocalFunctionsHost.Invocation;
using Onboarding.LocalFunctionsHost.Lifecycle;
using Onboarding.LocalFunctionsHost.Metadata;
using Onboarding.LocalFunctionsHost.Worker;

namespace Onboarding.LocalFunctionsHost.Timers;

/// <summary>Starts one schedule per timer-triggered function once the worker has reported its functions.</summary>
public sealed partial class TimerTriggers(
    HostStartupOptions startup,
    FunctionCatalog catalog,
    AppSettings settings,
    FunctionInvoker invoker,
    HostDrain drain,
    TimeProvider timeProvider,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggerFactory,
    ILogger<TimerTriggers> logger) : TriggerListeners(catalog, settings, lifetime, logger)
{
    protected override string TriggerType => "timerTrigger";

    protected override bool IsBindingError(Exception exception) => exception is InvalidOperationException or FormatException or NCrontab.CrontabException;

    protected override Task Start(FunctionDefinition function, CancellationToken stoppingToken)
    {
        var schedule = TimerSchedule.Parse(Settings.Resolve(function.Trigger.Text("schedule") ?? ""));
        var monitored = (function.Trigger.Flag("useMonitor") ?? true) && !schedule.FiresMoreThanOncePerMinute(timeProvider.GetUtcNow());
        var store = monitored ? CreateStore() : null;
        var listener = new TimerTriggerListener(function, schedule, store, function.Trigger.Flag("runOnStartup") ?? false,
            invoker, drain, timeProvider, loggerFactory.CreateLogger($"Host.Triggers.Timer.{function.Name}"));
        return listener.RunAsync(stoppingToken);
    }

    private TimerStatusStore? CreateStore()
    {
        try
        {
            var container = new BlobServiceClient(StorageConnection.Resolve(Settings, "Storage")).GetBlobContainerClient(TimerStatusStore.ContainerName);
            return new TimerStatusStore(container, HostId());
        }
        catch (InvalidOperationException exception)
        {
            NoStatusStore(logger, exception.Message);
            return null;
        }
    }

    /// <summary><c>AzureFunctionsWebHost__hostid</c>, else the machine name and a hash of the app folder (at most 32 characters).</summary>
    private string HostId()
    {
        if ((Settings.Get("AzureFunctionsWebHost__hostid") ?? Settings.Get("AzureFunctionsWebHost:hostid")) is { Length: > 0 } configured)
        {
            return configured.ToLowerInvariant();
        }
        var machine = new string(Environment.MachineName.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(startup.AppDirectory))))[..8];
        var id = $"{machine}-{hash}";
        return id.Length <= 32 ? id : id[^32..];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer schedules are not monitored (no storage for their status): {Reason}")]
    private static partial void NoStatusStore(ILogger logger, string reason);
}
