using System.Text.Json;

namespace Onboarding.Functions.Hosting;

public static class FunctionInvocationEndpoints
{
    private const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    /// <summary>Maps <c>POST /{FunctionName}</c> for every declared queue and timer function: the host's invocation endpoint.</summary>
    public static IEndpointRouteBuilder MapFunctionInvocations(this IEndpointRouteBuilder app)
    {
        foreach (var registration in app.ServiceProvider.GetServices<FunctionRegistration>())
        {
            var name = registration.Definition.Name;
            app.MapPost("/" + name, (HttpContext http, FunctionInvoker invoker) => InvokeAsync(name, http, invoker))
                .WithMetadata(registration.Definition)
                .ExcludeFromDescription();
        }
        return app;
    }

    private static async Task InvokeAsync(string name, HttpContext http, FunctionInvoker invoker)
    {
        var invocationId = http.Request.Headers[InvocationIdHeader].FirstOrDefault() ?? Guid.NewGuid().ToString("D");
        InvocationResult result;
        try
        {
            var request = await JsonSerializer.DeserializeAsync(http.Request.Body, InvocationJsonContext.Default.InvocationRequest, http.RequestAborted)
                ?? throw new JsonException("The body is null.");
            result = await invoker.InvokeAsync(name, request, invocationId, http.RequestAborted);
        }
        catch (JsonException e)
        {
            result = new InvocationResult(400, new InvocationResponse(new Dictionary<string, JsonElement>(), [$"The invocation body is not the host's JSON payload: {e.Message}"], null));
        }
        http.Response.StatusCode = result.StatusCode;
        await http.Response.WriteAsJsonAsync(result.Response, InvocationJsonContext.Default.InvocationResponse, cancellationToken: http.RequestAborted);
    }
}
