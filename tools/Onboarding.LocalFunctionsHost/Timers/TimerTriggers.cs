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
    HostId hostId,
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
        var container = HostsContainer();
        var store = monitored && container is not null ? new TimerStatusStore(container, hostId.Value) : null;
        var functionLogger = loggerFactory.CreateLogger($"Host.Triggers.Timer.{function.Name}");
        var listener = new TimerTriggerListener(function, schedule, store, function.Trigger.Flag("runOnStartup") ?? false,
            invoker, drain, timeProvider, functionLogger);
        if (container is null)
        {
            return listener.RunAsync(stoppingToken);
        }
        var listenerLock = new ListenerLock(container, hostId.Value, function.Name, ListenerLockPeriod);
        return new SingletonTimerListener(listenerLock, listener, ListenerLockRecoveryInterval, function.Name, functionLogger).RunAsync(stoppingToken);
    }

    // The WebJobs SDK's SingletonOptions: ListenerLockPeriod 15 s in Development, ListenerLockRecoveryPollingInterval 1 min.
    private static readonly TimeSpan ListenerLockPeriod = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ListenerLockRecoveryInterval = TimeSpan.FromMinutes(1);

    /// <summary>The <c>azure-webjobs-hosts</c> container of AzureWebJobsStorage (status and locks), or null without storage.</summary>
    private BlobContainerClient? HostsContainer()
    {
        try
        {
            return new BlobServiceClient(StorageConnection.Resolve(Settings, "Storage")).GetBlobContainerClient(TimerStatusStore.ContainerName);
        }
        catch (InvalidOperationException exception)
        {
            NoStatusStore(logger, exception.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer schedules are neither monitored nor singletons (no storage for their status and locks): {Reason}")]
    private static partial void NoStatusStore(ILogger logger, string reason);
}
