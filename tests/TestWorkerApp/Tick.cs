using Microsoft.Azure.Functions.Worker;

namespace TestWorkerApp;

/// <summary>Records each timer run with the TimerInfo it received.</summary>
public sealed class Tick
{
    [Function("Tick")]
    public void Run([TimerTrigger("%TEST_SCHEDULE%")] TimerInfo timer, FunctionContext context)
    {
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
