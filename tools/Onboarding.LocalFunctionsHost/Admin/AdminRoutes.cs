using Microsoft.AspNetCore.Http;
using Onboarding.LocalFunctionsHost.Http;

namespace Onboarding.LocalFunctionsHost.Admin;

/// <summary>The admin API this host has: function runs, host status and ping; the rest of <c>/admin</c> is 404.</summary>
public sealed class AdminRoutes(AdminAccess access, AdminInvokeEndpoint invoke, HostStatusEndpoint status)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.Equals("/admin/host/ping", StringComparison.OrdinalIgnoreCase))
        {
            if (!await access.AllowAsync(context, needsKey: false))
            {
                return;
            }
            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsPost(context.Request.Method))
            {
                await HostStatusEndpoint.PingAsync(context);
                return;
            }
            await ProblemResponse.MethodNotAllowed(context, ["GET", "POST"]);
            return;
        }
        if (!await access.AllowAsync(context, needsKey: true))
        {
            return;
        }
        if (path.Equals("/admin/host/status", StringComparison.OrdinalIgnoreCase))
        {
            if (HttpMethods.IsGet(context.Request.Method))
            {
                await status.StatusAsync(context);
                return;
            }
            await ProblemResponse.MethodNotAllowed(context, ["GET"]);
            return;
        }
        if (path.StartsWithSegments("/admin/functions", StringComparison.OrdinalIgnoreCase))
        {
            await invoke.InvokeAsync(context);
            return;
        }
        await ProblemResponse.RouteNotFound(context);
    }
}
