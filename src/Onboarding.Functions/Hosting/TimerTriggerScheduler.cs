using Azure;
using NCrontab;

namespace Onboarding.Functions.Hosting;

/// <summary>
/// The local driver's timer: fires a function on its NCRONTAB schedule (six fields, UTC). A run that
/// was due while the app was down fires at start-up with <c>IsPastDue</c>, as the host's monitor does.
/// </summary>
internal sealed partial class TimerTriggerScheduler(
    FunctionDefinition function,
    TimerFunctionTrigger trigger,
    CrontabSchedule schedule,
    TimerScheduleStatusStore statusStore,
    FunctionInvoker invoker,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary>A run that starts later than this after its scheduled time is flagged as past due.</summary>
    private static readonly TimeSpan PastDueTolerance = TimeSpan.FromSeconds(5);

    public static CrontabSchedule Parse(string expression) =>
        CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
        ?? throw new InvalidOperationException($"'{expression}' is not a six-field NCRONTAB schedule (second minute hour day month weekday).");

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var status = await ReadStatusAsync(stoppingToken);
        var last = status?.Last;
        if (trigger.RunOnStartup || (status?.Next is { } missed && missed < clock.GetUtcNow() - PastDueTolerance))
        {
            last = await FireAsync(isPastDue: !trigger.RunOnStartup, last, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            await SaveStatusAsync(last, next, now, stoppingToken);
            LogScheduled(function.Name, next);
            try
            {
                await Task.Delay(next - now, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            var late = clock.GetUtcNow() - next > PastDueTolerance;
            last = await FireAsync(late, last, stoppingToken);
        }
    }

    private async Task<DateTimeOffset> FireAsync(bool isPastDue, DateTimeOffset? last, CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
        var request = InvocationPayload.ForTimer(new TimerTriggerInfo(isPastDue, last, next, now), now);
        var result = await invoker.InvokeAsync(function.Name, request, Guid.NewGuid().ToString("D"), stoppingToken);
        LogFired(function.Name, isPastDue, result.StatusCode);
        return now;
    }

    private async Task<TimerTriggerInfo?> ReadStatusAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await statusStore.GetAsync(function.Name, stoppingToken);
        }
        catch (RequestFailedException e)
        {
            LogStatusUnavailable(e, function.Name);
            return null;
        }
    }

    private async Task SaveStatusAsync(DateTimeOffset? last, DateTimeOffset next, DateTimeOffset now, CancellationToken stoppingToken)
    {
        try
        {
            await statusStore.SaveAsync(function.Name, last, next, now, stoppingToken);
        }
        catch (RequestFailedException e)
        {
            // Without the status a missed run is not detected after a restart; the schedule itself goes on.
            LogStatusUnavailable(e, function.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {FunctionName} next fires at {Next:O}")]
    private partial void LogScheduled(string functionName, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {FunctionName} fired (past due: {IsPastDue}), status {StatusCode}")]
    private partial void LogFired(string functionName, bool isPastDue, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {FunctionName}: schedule status storage unavailable")]
    private partial void LogStatusUnavailable(Exception exception, string functionName);
}
