using Azure;
using Microsoft.AspNetCore.Diagnostics;

namespace Onboarding.Functions.Api;

/// <summary>
/// Turns exceptions that escape a handler into problem details: a bad request stays a 4xx, an
/// unreachable storage account is a 503, anything else a 500 without internals.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var details = exception switch
        {
            BadHttpRequestException bad => Problems.Details(bad.StatusCode, bad.StatusCode == 413 ? "payload_too_large" : "bad_request", "Bad request", bad.Message),
            RequestFailedException { Status: 412 } => Problems.Details(412, "precondition_failed", "Precondition failed", "The resource changed while the request was processed."),
            RequestFailedException { Status: 0 or >= 500 } => Problems.Details(503, "storage_unavailable", "Service unavailable", "Storage is not reachable; retry shortly."),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => null,
            _ => Problems.Details(500, "internal_error", "Internal error", "The request failed; it has been logged."),
        };
        if (details is null)
        {
            return true;
        }
        if (details.Status >= 500)
        {
            LogFailed(exception, http.Request.Method, http.Request.Path);
        }
        http.Response.StatusCode = details.Status!.Value;
        if (details.Status == 503)
        {
            http.Response.Headers.RetryAfter = "5";
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private partial void LogFailed(Exception exception, string method, string path);
}
