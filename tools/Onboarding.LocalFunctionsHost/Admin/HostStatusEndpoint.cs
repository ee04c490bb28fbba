using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Onboarding.LocalFunctionsHost.Configuration;
using Onboarding.LocalFunctionsHost.Worker;

namespace Onboarding.LocalFunctionsHost.Admin;

/// <summary>
/// <c>GET /admin/host/status</c> (admin level) and <c>GET|POST /admin/host/ping</c> (anonymous), as the Functions host's
/// <c>HostController</c> answers them: the status with the host's id, state, version and process uptime; the ping 200, no body.
/// </summary>
public sealed class HostStatusEndpoint(FunctionCatalog catalog, HostId hostId, IHostApplicationLifetime lifetime)
{
    public static Task PingAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }

    public async Task StatusAsync(HttpContext context)
    {
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, new Dictionary<string, object>
        {
            ["id"] = hostId.Value,
            ["state"] = State(),
            ["version"] = WorkerSupervisor.HostVersion,
            ["processUptime"] = (long)(DateTime.UtcNow - started).TotalMilliseconds,
        }, cancellationToken: context.RequestAborted);
    }

    // The host's ScriptHostState names; a worker restart keeps the host Running, as in Azure.
    private string State() =>
        lifetime.ApplicationStopping.IsCancellationRequested ? "Stopping"
        : catalog.Functions is not null ? "Running"
        : "Starting";
}
