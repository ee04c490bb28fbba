using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost.Configuration;
using Onboarding.LocalFunctionsHost.Lifecycle;
using Onboarding.LocalFunctionsHost.Rpc;
using Onboarding.LocalFunctionsHost.Worker;

namespace Onboarding.LocalFunctionsHost.Invocation;

/// <summary>
/// Sends one InvocationRequest to the worker serving a function and waits for its InvocationResponse. A cancelled
/// token sends InvocationCancel and the invocation goes on; past host.json's <c>functionTimeout</c> the invocation fails
/// at once and its worker is restarted, as the Functions host does.
/// </summary>
public sealed partial class FunctionInvoker(FunctionCatalog catalog, HostJson hostJson, HostDrain drain, TimeProvider timeProvider, ILogger<FunctionInvoker> logger)
{
    private readonly TimeSpan? _functionTimeout = hostJson.FunctionTimeout;

    /// <summary>Waits out a worker (re)start first; queue and timer triggers use this.</summary>
    public async Task<InvocationResult> InvokeWhenReadyAsync(string functionName, InvocationInput input, CancellationToken cancellationToken)
    {
        ActiveFunction function;
        try
        {
            function = await catalog.WaitForActiveAsync(functionName, drain.Expired);
        }
        catch (OperationCanceledException) when (drain.Expired.IsCancellationRequested)
        {
            return InvocationResult.Failed("The host stopped before a worker could run the invocation.");
        }
        catch (InvalidOperationException exception)
        {
            // The restarted worker no longer has the function.
            return InvocationResult.Failed(exception.Message);
        }
        return await InvokeAsync(function, input, cancellationToken);
    }

    public async Task<InvocationResult> InvokeAsync(ActiveFunction function, InvocationInput input, CancellationToken cancellationToken)
    {
        var name = function.Definition.Name;
        using var inFlight = drain.Begin();
        var started = timeProvider.GetTimestamp();
        Executing(logger, name, input.Reason, input.InvocationId);
        var result = await SendAsync(function, input, cancellationToken);
        var elapsed = timeProvider.GetElapsedTime(started);
        var milliseconds = (long)elapsed.TotalMilliseconds;
        InvocationMetrics.Record(name, result.Succeeded, elapsed);
        if (result.Succeeded)
        {
            Succeeded(logger, name, input.InvocationId, milliseconds);
        }
        else
        {
            Failed(logger, name, input.InvocationId, milliseconds, result.Error ?? "");
        }
        return result;
    }

    private async Task<InvocationResult> SendAsync(ActiveFunction function, InvocationInput input, CancellationToken cancellationToken)
    {
        if (function.LoadError is { } loadError)
        {
            return InvocationResult.Failed("The function did not load: " + loadError);
        }
        var request = new InvocationRequest
        {
            InvocationId = input.InvocationId,
            FunctionId = function.Definition.FunctionId,
            // The .NET worker reads trace_context unconditionally: it must be present.
            TraceContext = new RpcTraceContext { TraceParent = Activity.Current?.Id ?? NewTraceParent(), TraceState = Activity.Current?.TraceStateString ?? "" },
        };
        request.InputData.AddRange(input.InputData);
        foreach (var (key, value) in input.TriggerMetadata)
        {
            request.TriggerMetadata[key] = value;
        }
        using var timeout = _functionTimeout is { } limit ? new CancellationTokenSource(limit, timeProvider) : new CancellationTokenSource();
        // The caller's token (client gone), the timeout and a drain that ran out each send InvocationCancel.
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, drain.Expired);
        try
        {
            var response = await function.Session.InvokeAsync(function.Definition.Name, request, cancel.Token, timeout.Token);
            return response.Result?.Status == StatusResult.Types.Status.Success
                ? new InvocationResult(true, null, response)
                : new InvocationResult(false, response.Result?.Exception?.Message ?? response.Result?.Status.ToString(), response);
        }
        catch (WorkerUnavailableException exception)
        {
            return InvocationResult.Failed(exception.Message);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            var name = function.Definition.Name;
            TimeoutExceeded(logger, _functionTimeout!.Value, name, input.InvocationId);
            // The host's grace period is zero: the invocation did not finish, so its worker is replaced.
            RestartingWorker(logger, input.InvocationId);
            // New invocations (the released message's retry among them) wait for the replacement worker.
            catalog.Deactivate(function.Session);
            function.Session.RequestRestart($"function timeout of invocation {input.InvocationId}");
            return InvocationResult.Failed($"Timeout value of {_functionTimeout.Value} was exceeded by function: {name}");
        }
    }

    private static string NewTraceParent() => $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00";

    [LoggerMessage(Level = LogLevel.Error, Message = "Timeout value of {Timeout} exceeded by function '{FunctionName}' (Id: '{InvocationId}'). Initiating cancellation.")]
    private static partial void TimeoutExceeded(ILogger logger, TimeSpan timeout, string functionName, string invocationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A function timeout has occurred. Restarting worker process executing invocationId '{InvocationId}'.")]
    private static partial void RestartingWorker(ILogger logger, string invocationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Executing 'Functions.{FunctionName}' (Reason='{Reason}', Id={InvocationId})")]
    private static partial void Executing(ILogger logger, string functionName, string reason, string invocationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Executed 'Functions.{FunctionName}' (Succeeded, Id={InvocationId}, Duration={DurationMs}ms)")]
    private static partial void Succeeded(ILogger logger, string functionName, string invocationId, long durationMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Executed 'Functions.{FunctionName}' (Failed, Id={InvocationId}, Duration={DurationMs}ms): {Error}")]
    private static partial void Failed(ILogger logger, string functionName, string invocationId, long durationMs, string error);
}
