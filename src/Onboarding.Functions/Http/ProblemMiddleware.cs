using Azure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Onboarding.Functions.Http;

/// <summary>
/// Turns an exception that escapes an HTTP function into problem details: a bad request stays a 4xx, an
/// unreachable storage account is a 503, anything else a 500 without internals. Queue and timer
/// functions keep failing, so the host retries them.
/// </summary>
public sealed partial class ProblemMiddleware(ILogger<ProblemMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { } http)
        {
            if (Describe(exception, http) is not { } details)
            {
                return;
            }
            if (details.Status >= 500)
            {
                LogFailed(exception, context.FunctionDefinition.Name, http.Request.Method);
            }
            context.GetInvocationResult().Value = TypedResults.Problem(details);
        }
    }

    /// <summary>The problem an exception answers with (null for a request the client gave up on); sets <c>Retry-After</c> on a 503.</summary>
    public static ProblemDetails? Describe(Exception exception, HttpContext http)
    {
        var details = exception switch
        {
            BadHttpRequestException bad => Problems.Details(bad.StatusCode, bad.StatusCode == 413 ? "payload_too_large" : "bad_request", "Bad request", bad.Message),
            RequestFailedException { Status: 412 } => Problems.Details(412, "precondition_failed", "Precondition failed", "The resource changed while the request was processed."),
            RequestFailedException { Status: 0 or >= 500 } => Problems.Details(503, "storage_unavailable", "Service unavailable", "Storage is not reachable; retry shortly."),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => null,
            _ => Problems.Details(500, "internal_error", "Internal error", "The request failed; it has been logged."),
        };
        if (details?.Status == 503)
        {
            http.Response.Headers.RetryAfter = "5";
        }
        return details;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {FunctionName} ({Method}) failed")]
    private partial void LogFailed(Exception exception, string functionName, string method);
}
