using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost.Invocation;
using Onboarding.LocalFunctionsHost.Worker;
using Yarp.ReverseProxy.Forwarder;

namespace Onboarding.LocalFunctionsHost.Http;

/// <summary>
/// Serves the HTTP functions: matches the route, then forwards the request to the worker while the
/// matching InvocationRequest goes over gRPC. The worker's response reaches the client as the worker wrote it.
/// While the worker starts or restarts a request waits for it, up to 30 s, as the Functions host holds requests
/// until it is running (<c>HostAvailabilityCheckMiddleware</c>, <c>ScriptConstants.HostTimeoutSeconds</c>).
/// </summary>
public sealed partial class HttpTriggerMiddleware(
    HttpRoutes routes,
    FunctionCatalog catalog,
    FunctionInvoker invoker,
    WorkerHttpForwarder forwarder,
    ILogger<HttpTriggerMiddleware> logger)
{
    public static readonly TimeSpan HostReadyTimeout = TimeSpan.FromSeconds(30);

    public async Task InvokeAsync(HttpContext context)
    {
        using var hold = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        hold.CancelAfter(HostReadyTimeout);
        if (routes.Table is not { } table)
        {
            if (!await WaitAsync(() => catalog.FunctionsKnown.WaitAsync(hold.Token)) || routes.Table is not { } known)
            {
                await ProblemResponse.WorkerNotReady(context);
                return;
            }
            table = known;
        }
        switch (table.Match(context.Request.Path, context.Request.Method))
        {
            case RouteMatch.NoRoute:
                await ProblemResponse.RouteNotFound(context);
                return;
            case RouteMatch.Found found:
                if (!catalog.TryGetActive(found.Function.Name, out var function) || function is null)
                {
                    HoldingRequest(logger, found.Function.Name);
                    ActiveFunction? active = null;
                    if (!await WaitAsync(async () => active = await catalog.WaitForActiveAsync(found.Function.Name, hold.Token)) || active is null)
                    {
                        await ProblemResponse.WorkerNotReady(context);
                        return;
                    }
                    function = active;
                }
                await ForwardAsync(context, function, found);
                return;
        }
    }

    /// <summary>False when the hold ran out (or the client left, or the restarted worker lacks the function).</summary>
    private static async Task<bool> WaitAsync(Func<Task> wait)
    {
        try
        {
            await wait();
            return true;
        }
        catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task ForwardAsync(HttpContext context, ActiveFunction function, RouteMatch.Found found)
    {
        if (!function.Session.Capabilities.TryGetValue("HttpUri", out var httpUri) || !Uri.TryCreate(httpUri, UriKind.Absolute, out var workerUri))
        {
            HttpUriMissing(logger, function.Definition.Name);
            await ProblemResponse.WriteAsync(context, StatusCodes.Status501NotImplemented, "http-proxy-required",
                "This host only serves HTTP functions of workers that use the ASP.NET Core integration.");
            return;
        }
        var input = HttpTriggerInput.Create(InvocationInput.NewInvocationId(), function.Definition, context.Request, found.Values);
        using var forwarding = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        // As the Functions host does: start forwarding first, then send the InvocationRequest.
        var forwarded = forwarder.ForwardAsync(context, workerUri, input.InvocationId, forwarding.Token).AsTask();
        var result = await invoker.InvokeAsync(function, input, context.RequestAborted);
        if (!result.Succeeded && !forwarded.IsCompleted)
        {
            await forwarding.CancelAsync();
        }
        var error = await forwarded;
        if (result.Succeeded && error == ForwarderError.None)
        {
            return;
        }
        if (error != ForwarderError.None)
        {
            ForwardingFailed(logger, function.Definition.Name, input.InvocationId, error);
        }
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }
        await ProblemResponse.FunctionFailed(context);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Holding a request for function {FunctionName} until the worker is ready")]
    private static partial void HoldingRequest(ILogger logger, string functionName);

    [LoggerMessage(Level = LogLevel.Error, Message = "The worker did not report HttpUri; function {FunctionName} cannot be served")]
    private static partial void HttpUriMissing(ILogger logger, string functionName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding to function {FunctionName} failed (Id={InvocationId}): {Error}")]
    private static partial void ForwardingFailed(ILogger logger, string functionName, string invocationId, ForwarderError error);
}
