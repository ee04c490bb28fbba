using System.Collections.Concurrent;
using Onboarding.Functions.Hosting;

namespace Onboarding.Functions.Tests.Hosting;

/// <summary>What the probe functions saw, and when they should fail; one per app instance.</summary>
public sealed class Probe
{
    public ConcurrentQueue<QueueTriggerMessage> Messages { get; } = new();

    public ConcurrentQueue<TimerTriggerInfo> Timers { get; } = new();

    public Func<QueueTriggerMessage, bool> ShouldFail { get; set; } = _ => false;

    /// <summary>How long the queue function runs before it returns.</summary>
    public TimeSpan Duration { get; set; }

    public async Task<T> WaitForAsync<T>(Func<T?> read, TimeSpan timeout) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (read() is { } value)
            {
                return value;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Nothing arrived within {timeout}.");
    }
}

/// <summary>A queue function registered by the tests; fails when the probe says so.</summary>
public sealed class ProbeQueueFunction(Probe probe) : IQueueFunction
{
    public const string QueueSetting = "PROBE_QUEUE";

    public async Task RunAsync(QueueTriggerMessage message, FunctionInvocationContext context, CancellationToken cancellationToken)
    {
        probe.Messages.Enqueue(message);
        context.Log($"saw {message.MessageText.Length} characters");
        await Task.Delay(probe.Duration, cancellationToken);
        if (probe.ShouldFail(message))
        {
            throw new InvalidOperationException("the probe was told to fail");
        }
    }
}

/// <summary>A timer function registered by the tests.</summary>
public sealed class ProbeTimerFunction(Probe probe) : ITimerFunction
{
    public const string ScheduleSetting = "PROBE_SCHEDULE";

    public Task RunAsync(TimerTriggerInfo timer, FunctionInvocationContext context, CancellationToken cancellationToken)
    {
        probe.Timers.Enqueue(timer);
        return Task.CompletedTask;
    }
}
