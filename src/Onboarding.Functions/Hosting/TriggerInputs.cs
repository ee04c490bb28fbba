namespace Onboarding.Functions.Hosting;

/// <summary>A queue message as the host hands it to a function: the (decoded) text and its metadata.</summary>
public sealed record QueueTriggerMessage(
    string MessageText,
    string? Id,
    long DequeueCount,
    DateTimeOffset? InsertionTime,
    DateTimeOffset? ExpirationTime,
    DateTimeOffset? NextVisibleTime,
    string? PopReceipt);

/// <summary>The timer object the host passes: whether this run is late, and the schedule's status.</summary>
public sealed record TimerTriggerInfo(bool IsPastDue, DateTimeOffset? Last, DateTimeOffset? Next, DateTimeOffset? LastUpdated);

/// <summary>A queue-triggered function. Throwing fails the invocation, so the host retries the message.</summary>
public interface IQueueFunction
{
    Task RunAsync(QueueTriggerMessage message, FunctionInvocationContext context, CancellationToken cancellationToken);
}

/// <summary>A timer-triggered function. Throwing fails the invocation (timers are not retried).</summary>
public interface ITimerFunction
{
    Task RunAsync(TimerTriggerInfo timer, FunctionInvocationContext context, CancellationToken cancellationToken);
}
