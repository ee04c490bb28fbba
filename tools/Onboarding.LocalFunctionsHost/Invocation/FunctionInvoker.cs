using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost.Rpc;
using Onboarding.LocalFunctionsHost.Worker;

namespace Onboarding.LocalFunctionsHost.Invocation;

/// <summary>Sends one InvocationRequest to the worker serving a function and waits for its InvocationResponse.</summary>
public sealed partial class FunctionInvoker(FunctionCatalog catalog, TimeProvider timeProvider, ILogger<FunctionInvoker> logger)
{
    /// <summary>Waits out a worker (re)start first; queue and timer triggers use this.</summary>
    public async Task<InvocationResult> InvokeWhenReadyAsync(string functionName, InvocationInput input, CancellationToken cancellationToken)
    {
        ActiveFunction function;
        try
        {
            function = await catalog.WaitForActiveAsync(functionName, cancellationToken);
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
        var started = timeProvider.GetTimestamp();
        Executing(logger, name, input.Reason, input.InvocationId);
        var result = await SendAsync(function, input, cancellationToken);
        var milliseconds = (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;
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

    private static async Task<InvocationResult> SendAsync(ActiveFunction function, InvocationInput input, CancellationToken cancellationToken)
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
        try
        {
            var response = await function.Session.InvokeAsync(function.Definition.Name, request, cancellationToken);
            return response.Result?.Status == StatusResult.Types.Status.Success
                ? new InvocationResult(true, null, response)
                : new InvocationResult(false, response.Result?.Exception?.Message ?? response.Result?.Status.ToString(), response);
        }
        catch (WorkerUnavailableException exception)
        {
            return InvocationResult.Failed(exception.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The HTTP client went away or the host is stopping; the worker's late response is ignored.
            return InvocationResult.Failed("The invocation was abandoned before the worker answered.");
        }
    }

    private static string NewTraceParent() => $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00";

    [LoggerMessage(Level = LogLevel.Information, Message = "Executing 'Functions.{FunctionName}' (Reason='{Reason}', Id={InvocationId})")]
    private static partial void Executing(ILogger logger, string functionName, string reason, string invocationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Executed 'Functions.{FunctionName}' (Succeeded, Id={InvocationId}, Duration={DurationMs}ms)")]
    private static partial void Succeeded(ILogger logger, string functionName, string invocationId, long durationMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Executed 'Functions.{FunctionName}' (Failed, Id={InvocationId}, Duration={DurationMs}ms): {Error}")]
    private static partial void Failed(ILogger logger, string functionName, string invocationId, long durationMs, string error);
}
