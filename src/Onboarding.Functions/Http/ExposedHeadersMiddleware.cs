using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Onboarding.Functions.Http;

/// <summary>
/// Lets a page on another origin read the response headers a client acts on: <c>ETag</c> (sent back as
/// <c>If-Match</c>), <c>Location</c> (202 polling) and <c>Retry-After</c> (429/503). Which origins may call
/// is the platform's CORS (<c>siteConfig.cors</c> in Azure, <c>Host.CORS</c> locally), but neither sends
/// <c>Access-Control-Expose-Headers</c>, so the app adds it to every HTTP response, in Azure and locally alike.
/// </summary>
public sealed class ExposedHeadersMiddleware : IFunctionsWorkerMiddleware
{
    public const string ExposedHeaders = "ETag, Location, Retry-After";

    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        context.GetHttpContext()!.Response.Headers.AccessControlExposeHeaders = ExposedHeaders;
        return next(context);
    }
}
