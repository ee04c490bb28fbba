using Microsoft.Azure.Functions.Worker;

namespace TestWorkerApp;

/// <summary>Records each timer run with the TimerInfo it received; TEST_TICK_DELAY_MS makes a run take that long (recorded as timer-begun first).</summary>
public sealed class Tick
{
    [Function("Tick")]
    public async Task Run([TimerTrigger("%TEST_SCHEDULE%")] TimerInfo timer, FunctionContext context)
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("TEST_TICK_DELAY_MS"), out var delay) && delay > 0)
        {
            Observations.Write("timer-begun", context.InvocationId, new { isPastDue = timer.IsPastDue });
            await Task.Delay(delay);
        }
        Observations.Write("tick", context.InvocationId, new
        {
            isPastDue = timer.IsPastDue,
            last = timer.ScheduleStatus?.Last,
            next = timer.ScheduleStatus?.Next,
            lastUpdated = timer.ScheduleStatus?.LastUpdated,
            hasStatus = timer.ScheduleStatus is not null,
        });
    }
}
