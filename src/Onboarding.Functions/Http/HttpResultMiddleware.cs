using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Onboarding.Functions.Http;

/// <summary>
/// Keeps an HTTP function's <see cref="IResult"/> from being serialised twice. The ASP.NET Core integration
/// writes it to the HTTP response once this pipeline returns, but leaves it as the invocation's return value,
/// which the worker then also turns into JSON for the host's InvocationResponse (about 6 % of the worker's CPU
/// per GET), although the host answers from the proxied HTTP response (the integration clears the value
/// itself for <c>HttpResponseData</c>). Wrapped, the result is still executed the same way and goes to the
/// host as <c>{}</c>: still a JSON object, as the serialised result was, only an empty one.
/// </summary>
public sealed class HttpResultMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        await next(context);
        if (context.GetHttpContext() is not null)
        {
            var invocation = context.GetInvocationResult();
            invocation.Value = ForTheHost(invocation.Value);
        }
    }

    /// <summary>The value to leave as the invocation's return value in place of <paramref name="value"/>.</summary>
    public static object? ForTheHost(object? value) => value is IResult result and not ExecuteOnlyResult ? new ExecuteOnlyResult(result) : value;

    /// <summary>An <see cref="IResult"/> with nothing to serialise: it only executes the one it wraps.</summary>
    public sealed class ExecuteOnlyResult(IResult result) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => result.ExecuteAsync(httpContext);
    }
}
