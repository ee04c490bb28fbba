using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Onboarding.Functions.Http;

namespace Onboarding.Functions.Auth;

/// <summary>
/// The one place HTTP functions' access is enforced: the caller's token against the access the function
/// declares (<see cref="AccessAttribute"/>). A function without a declaration answers 403 to everyone.
/// </summary>
public sealed class AccessMiddleware(FunctionAccessPolicies policies) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }
        if (await RefusalAsync(context, http) is { } refusal)
        {
            context.GetInvocationResult().Value = refusal;
            return;
        }
        await next(context);
    }

    /// <summary>Null when the caller may run the function; otherwise the problem to answer with.</summary>
    public async Task<IResult?> RefusalAsync(FunctionContext context, HttpContext http) =>
        policies.For(context.FunctionDefinition.EntryPoint) is not { } level
            ? Problems.Create(StatusCodes.Status403Forbidden, "access_undeclared", "Forbidden", "This function does not declare who may call it.")
            : BoundOrganizationDiffers(context, http)
                ? Problems.Validation(new Dictionary<string, string[]> { [OrganizationAccess.OrgIdRouteValue] = ["Name the organization in the path only."] })
                : await OrganizationAccess.CheckAsync(http, level);

    /// <summary>
    /// Whether the organization the function would be given differs from the one checked here (the route's):
    /// a host that let a query parameter replace a route parameter must not open another organization.
    /// </summary>
    private static bool BoundOrganizationDiffers(FunctionContext context, HttpContext http) =>
        http.Request.RouteValues.ContainsKey(OrganizationAccess.OrgIdRouteValue)
        && context.BindingContext.BindingData.TryGetValue(OrganizationAccess.OrgIdRouteValue, out var bound)
        && !Equals(bound?.ToString(), http.Request.RouteValues[OrganizationAccess.OrgIdRouteValue] as string);
}
