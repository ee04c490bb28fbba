using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Onboarding.Functions.Auth;

namespace Onboarding.Functions.Telemetry;

/// <summary>
/// Puts the function name, the invocation id and, on organization routes, the organization id on the
/// log scope of everything an invocation logs. Nothing personal: ids only, never tokens or bodies.
/// </summary>
public sealed class LogScopeMiddleware(ILogger<LogScopeMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var scope = new Dictionary<string, object>
        {
            ["FunctionName"] = context.FunctionDefinition.Name,
            ["InvocationId"] = context.InvocationId,
        };
        if (context.GetHttpContext()?.Request.RouteValues[OrganizationAccess.OrgIdRouteValue] is string organizationId)
        {
            scope["OrganizationId"] = organizationId;
        }
        using (logger.BeginScope(scope))
        {
            await next(context);
        }
    }
}
