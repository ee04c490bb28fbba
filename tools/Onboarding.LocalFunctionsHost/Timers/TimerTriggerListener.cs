using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost.Invocation;
using Onboarding.LocalFunctionsHost.Lifecycle;
using Onboarding.LocalFunctionsHost.Metadata;

namespace Onboarding.LocalFunctionsHost.Timers;

/// <summary>
/// Runs one timer-triggered function on its schedule (UTC). With monitoring, the status kept in storage
/// makes a run missed while the host was down fire once at start with <c>IsPastDue</c>; otherwise
/// <c>runOnStartup</c> fires once at start. Runs never overlap; a failed run keeps the schedule. A run under way when
/// the host stops finishes (drain); one the stop cuts off leaves the status unchanged, so it runs past due next time.
/// </summary>
public sealed partial class TimerTriggerListener(
    FunctionDefinition function,
    TimerSchedule schedule,
    TimerStatusStore? store,
    bool runOnStartup,
    FunctionInvoker invoker,
    HostDrain drain,
    TimeProvider timeProvider,
    ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var listening = drain.Begin();
        var now = timeProvider.GetUtcNow();
        var status = store is null ? null : await CheckPastDueAsync(now, cancellationToken);
        TimerStarted(logger, function.Name, schedule.Next(now), store is not null);
        if (status is not null && now > status.Next)
        {
            status = await RunOnceAsync(status, isPastDue: true, status.Next, "Timer is past due.");
        }
        else if (runOnStartup)
        {
            status = await RunOnceAsync(status, isPastDue: false, now, "Timer fired on start-up (runOnStartup).");
        }
        var last = timeProvider.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = status?.Next ?? schedule.Next(last);
            var wait = next - timeProvider.GetUtcNow();
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, timeProvider, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
            status = await RunOnceAsync(status, isPastDue: false, next, "Timer fired at its scheduled time.");
            // Occurrences that passed while the function ran are skipped, as the host skips them.
            var finished = timeProvider.GetUtcNow();
            last = finished > next ? finished : next;
        }
    }

    /// <summary>Runs the function now and moves the status on; returns the new status (null without monitoring).</summary>
    public async Task<ScheduleStatus?> RunOnceAsync(ScheduleStatus? status, bool isPastDue, DateTimeOffset due, string reason)
    {
        var now = timeProvider.GetUtcNow();
        var input = TimerTriggerInput.Create(function, schedule.IsCron, status, isPastDue, now, reason);
        var result = await invoker.InvokeWhenReadyAsync(function.Name, input, CancellationToken.None);
        if (!result.Succeeded && drain.Expired.IsCancellationRequested)
        {
            // Cut off by the stop: the stored status still says this occurrence is due.
            return status;
        }
        if (store is null)
        {
            return null;
        }
        // The run counts as the occurrence it was due for, even when it fired a little early.
        var last = now < due ? due : now;
        var updated = new ScheduleStatus(last, schedule.Next(last), last);
        try
        {
            await store.WriteAsync(function.Name, updated, CancellationToken.None);
        }
        catch (Exception exception) when (exception is Azure.RequestFailedException or OperationCanceledException)
        {
            StatusNotSaved(logger, exception, function.Name);
        }
        return updated;
    }

    private async Task<ScheduleStatus> CheckPastDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = await store!.ReadAsync(function.Name, cancellationToken);
        if (status is null)
        {
            status = new ScheduleStatus(DateTimeOffset.MinValue, schedule.Next(now), now);
            await store.WriteAsync(function.Name, status, cancellationToken);
            return status;
        }
        var expectedNext = schedule.Next(status.Last != DateTimeOffset.MinValue ? status.Last : status.LastUpdated);
        if (expectedNext != status.Next)
        {
            // The schedule changed since the status was written: start over from the new schedule.
            status = new ScheduleStatus(DateTimeOffset.MinValue, expectedNext < now ? schedule.Next(now) : expectedNext, now);
            await store.WriteAsync(function.Name, status, cancellationToken);
        }
        return status;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer function {FunctionName} next fires at {Next:O} (schedule monitored: {Monitored})")]
    private static partial void TimerStarted(ILogger logger, string functionName, DateTimeOffset next, bool monitored);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The schedule status of timer function {FunctionName} was not saved")]
    private static partial void StatusNotSaved(ILogger logger, Exception exception, string functionName);
}
