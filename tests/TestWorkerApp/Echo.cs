using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace TestWorkerApp;

/// <summary>Answers with what it received, so tests can compare both sides of the host's HTTP forwarding.</summary>
public sealed class Echo
{
    [Function("Echo")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", Route = "echo/{*rest}")] HttpRequest request,
        FunctionContext context)
    {
        if (request.Query.ContainsKey("fail"))
        {
            throw new InvalidOperationException("Echo was asked to fail; secret-internal-detail");
        }
        if (int.TryParse(request.Query["delay"], out var delay))
        {
            Observations.Write("http-started", context.InvocationId, new { delay });
            await Task.Delay(delay);
        }
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var response = request.HttpContext.Response;
        response.Headers["x-echo-method"] = request.Method;
        response.Headers["x-echo-path"] = request.Path.Value;
        response.Headers["x-echo-query"] = request.QueryString.Value;
        response.Headers["x-echo-host"] = request.Host.Value;
        response.Headers["x-echo-invocation-id"] = request.Headers["x-ms-invocation-id"].ToString();
        response.Headers["x-echo-context-invocation-id"] = context.InvocationId;
        response.Headers["x-echo-test-header"] = request.Headers["x-test"].ToString();
        response.Headers["x-echo-binding-data"] = string.Join(",", context.BindingContext.BindingData.Keys.Order());
        response.Headers["x-echo-bound-rest"] = context.BindingContext.BindingData.TryGetValue("rest", out var rest) ? rest?.ToString() : "";
        var status = int.TryParse(request.Query["status"], out var requested) ? requested : StatusCodes.Status200OK;
        return new StatusWithBody(status, body.ToArray(), request.ContentType);
    }

    private sealed class StatusWithBody(int status, byte[] body, string? contentType) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.StatusCode = status;
            context.HttpContext.Response.ContentType = contentType ?? "application/octet-stream";
            await context.HttpContext.Response.Body.WriteAsync(body);
        }
    }
}
