using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost.Configuration;
using Onboarding.LocalFunctionsHost.Http;
using Onboarding.LocalFunctionsHost.Invocation;
using Onboarding.LocalFunctionsHost.Queues;
using Onboarding.LocalFunctionsHost.Timers;
using Onboarding.LocalFunctionsHost.Worker;

namespace Onboarding.LocalFunctionsHost.Admin;

/// <summary>
/// <c>POST /admin/functions/{name}</c> with <c>{"input": "…"}</c>: runs a queue or timer function once,
/// as the Functions host's admin API does (202 Accepted, the run continues in the background).
/// Who may call it: <see cref="AdminAccess"/>.
/// </summary>
public sealed partial class AdminInvokeEndpoint(
    FunctionCatalog catalog,
    FunctionInvoker invoker,
    AppSettings settings,
    TimeProvider timeProvider,
    ILogger<AdminInvokeEndpoint> logger)
{
    public const string PathPrefix = "/admin/functions/";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await ProblemResponse.MethodNotAllowed(context, ["POST"]);
            return;
        }
        if (catalog.Functions is not { } functions)
        {
            await ProblemResponse.WorkerNotReady(context);
            return;
        }
        var path = context.Request.Path.Value ?? "";
        var name = path.Length > PathPrefix.Length ? path[PathPrefix.Length..].Trim('/') : "";
        var function = functions.FirstOrDefault(candidate => string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase));
        if (function is null || function.IsHttp)
        {
            await ProblemResponse.WriteAsync(context, StatusCodes.Status404NotFound, "function-not-found", "No queue or timer function has this name.");
            return;
        }
        string input;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            input = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("input", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : "";
        }
        catch (JsonException)
        {
            await ProblemResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "invalid-admin-body", "The body must be JSON like {\"input\": \"...\"}.");
            return;
        }
        var invocation = function.Trigger.IsType("timerTrigger")
            ? TimerTriggerInput.Create(function, IsCron(function.Trigger.Text("schedule")), null, false, timeProvider.GetUtcNow(), "This function was programmatically called via the host APIs.")
            : QueueTriggerInput.CreateManual(function, input);
        AdminRun(logger, function.Name, invocation.InvocationId);
        // Drained like any run when the host stops (the invoker counts it in flight).
        _ = invoker.InvokeWhenReadyAsync(function.Name, invocation, CancellationToken.None);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private bool IsCron(string? schedule)
    {
        try
        {
            return TimerSchedule.Parse(settings.Resolve(schedule ?? "")).IsCron;
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException or NCrontab.CrontabException)
        {
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin API runs function {FunctionName} (Id={InvocationId})")]
    private static partial void AdminRun(ILogger logger, string functionName, string invocationId);
}
