using System.Diagnostics;

namespace Onboarding.Functions.Hosting;

/// <summary>The outcome of one invocation, in the host's terms.</summary>
public sealed record InvocationResult(int StatusCode, InvocationResponse Response)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Runs a queue or timer function for an invocation payload. The host's <c>POST /{FunctionName}</c>
/// and the local driver both come through here, so they share one code path.
/// </summary>
public sealed partial class FunctionInvoker(IServiceScopeFactory scopes, IEnumerable<FunctionRegistration> registrations, ILogger<FunctionInvoker> logger)
{
    private readonly Dictionary<string, FunctionRegistration> functions =
        registrations.ToDictionary(r => r.Definition.Name, StringComparer.OrdinalIgnoreCase);

    public async Task<InvocationResult> InvokeAsync(string functionName, InvocationRequest request, string invocationId, CancellationToken cancellationToken)
    {
        if (!functions.TryGetValue(functionName, out var registration))
        {
            return Result(404, [$"No queue or timer function is named '{functionName}'."]);
        }
        var context = new FunctionInvocationContext(registration.Definition.Name, invocationId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService(registration.HandlerType);
            switch (handler, registration.Definition.Trigger)
            {
                case (IQueueFunction queueFunction, QueueFunctionTrigger):
                    await queueFunction.RunAsync(InvocationPayload.ReadQueueMessage(request), context, cancellationToken);
                    break;
                case (ITimerFunction timerFunction, TimerFunctionTrigger):
                    await timerFunction.RunAsync(InvocationPayload.ReadTimer(request), context, cancellationToken);
                    break;
                default:
                    throw new InvalidOperationException($"{registration.HandlerType.Name} does not implement its trigger's interface.");
            }
            LogSucceeded(context.FunctionName, context.InvocationId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return Result(200, context.Logs);
        }
        catch (InvalidInvocationException e)
        {
            LogRefused(context.FunctionName, context.InvocationId, e.Message);
            context.Log("Invalid invocation: " + e.Message);
            return Result(400, context.Logs);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The failure goes back to the host as a non-2xx answer, so it retries; nothing is swallowed.
            LogFailed(e, context.FunctionName, context.InvocationId);
            context.Log($"Failed: {e.GetType().Name}: {e.Message}");
            return Result(500, context.Logs);
        }
    }

    private static InvocationResult Result(int status, IReadOnlyList<string> logs) =>
        new(status, new InvocationResponse(new Dictionary<string, System.Text.Json.JsonElement>(), [.. logs], null));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Function {FunctionName} invocation {InvocationId} succeeded in {ElapsedMs:F1} ms")]
    private partial void LogSucceeded(string functionName, string invocationId, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {FunctionName} invocation {InvocationId} refused: {Reason}")]
    private partial void LogRefused(string functionName, string invocationId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {FunctionName} invocation {InvocationId} failed")]
    private partial void LogFailed(Exception exception, string functionName, string invocationId);
}
