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
            return new TimerStatusStore(container, hostId.Value);
        }
        catch (InvalidOperationException exception)
        {
            NoStatusStore(logger, exception.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer schedules are not monitored (no storage for their status): {Reason}")]
    private static partial void NoStatusStore(ILogger logger, string reason);
}
