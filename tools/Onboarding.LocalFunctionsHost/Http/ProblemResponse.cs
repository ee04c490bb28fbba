using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Onboarding.LocalFunctionsHost.Http;

/// <summary>The host's own refusals as RFC 9457 problem details, typed <c>urn:onboarding:problem:{code}</c>.</summary>
public static class ProblemResponse
{
    public const string ContentType = "application/problem+json";

    public static async Task WriteAsync(HttpContext context, int status, string code, string title, Action<IHeaderDictionary>? headers = null)
    {
        context.Response.Clear();
        headers?.Invoke(context.Response.Headers);
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        var body = new MemoryStream();
        await using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("type", "urn:onboarding:problem:" + code);
            json.WriteString("title", title);
            json.WriteNumber("status", status);
            json.WriteString("code", code);
            json.WriteEndObject();
        }
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted);
    }

    public static Task RouteNotFound(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status404NotFound, "route-not-found", "No function has this route.");

    public static Task MethodNotAllowed(HttpContext context, IEnumerable<string> allowed) =>
        WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "method-not-allowed", "The function does not accept this method.",
            headers => headers.Allow = string.Join(", ", allowed));

    public static Task WorkerNotReady(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "worker-not-ready", "The function worker is starting; try again shortly.",
            headers => headers.RetryAfter = "5");

    public static Task FunctionFailed(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status500InternalServerError, "function-failed", "The function failed.");
}
