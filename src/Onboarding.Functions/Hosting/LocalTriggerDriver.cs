using Azure.Storage.Queues;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Hosting;

/// <summary>
/// Standalone mode: when no Functions host started this process, polls the queues and fires the
/// timers of the declared functions with the host's semantics, through the same <see cref="FunctionInvoker"/>.
/// </summary>
internal sealed partial class LocalTriggerDriver(
    IEnumerable<FunctionRegistration> registrations,
    TableServiceClient tables,
    QueueServiceClient queues,
    IOptions<QueueTriggerOptions> queueOptions,
    IConfiguration configuration,
    FunctionInvoker invoker,
    TimeProvider clock,
    ILoggerFactory loggers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var logger = loggers.CreateLogger<LocalTriggerDriver>();
        if (!FunctionsHostSetup.IsStandalone(configuration) || !configuration.GetValue(FunctionsHostSetup.LocalDriverSetting, true))
        {
            LogDisabled(logger);
            return;
        }
        var options = queueOptions.Value;
        options.Validate();
        var runs = new List<Task>();
        foreach (var registration in registrations)
        {
            var function = registration.Definition;
            switch (function.Trigger)
            {
                case QueueFunctionTrigger queue:
                    var queueName = configuration.ResolveSetting(queue.QueueName);
                    if (queue.Connection != StorageConnection.DefaultName)
                    {
                        throw new InvalidOperationException($"Function {function.Name}: the local driver reads queues of {StorageConnection.DefaultName} only, not '{queue.Connection}'.");
                    }
                    runs.Add(new QueueTriggerListener(function, queues.GetQueueClient(queueName), queues.GetQueueClient(queueName + "-poison"),
                        options, invoker, clock, loggers.CreateLogger<QueueTriggerListener>()).RunAsync(stoppingToken));
                    break;
                case TimerFunctionTrigger timer:
                    var schedule = TimerTriggerScheduler.Parse(configuration.ResolveSetting(timer.Schedule));
                    var status = new TimerScheduleStatusStore(tables.GetTableClient(
                        configuration[FunctionsHostSetup.TimerStatusTableSetting] ?? TimerScheduleStatusStore.TableName));
                    runs.Add(new TimerTriggerScheduler(function, timer, schedule, status, invoker, clock,
                        loggers.CreateLogger<TimerTriggerScheduler>()).RunAsync(stoppingToken));
                    break;
            }
        }
        LogStarted(logger, runs.Count);
        await Task.WhenAll(runs);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local trigger driver off: a Functions host drives the triggers, or it is disabled")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local trigger driver started for {Count} queue and timer functions")]
    private static partial void LogStarted(ILogger logger, int count);
}
