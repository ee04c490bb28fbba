using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.LocalFunctionsHost.Tests.Infrastructure;
using Onboarding.LocalFunctionsHost.Worker;

namespace Onboarding.LocalFunctionsHost.Tests;

/// <summary>Requests wait for the worker while it restarts (up to 30 s), as the Functions host holds them (start-up: StartupTests).</summary>
public sealed class HoldTests
{
    [Fact]
    public async Task ARequestSentWhileTheWorkerRestartsWaitsForTheNewWorker()
    {
        await using var host = await RunningHost.StartAsync();
        await host.WaitUntilReadyAsync();
        var catalog = host.Services.GetRequiredService<FunctionCatalog>();
        var killed = host.WorkerProcessId!.Value;

        Process.GetProcessById(killed).Kill();
        while (catalog.IsReady)
        {
            await Task.Delay(10);
        }
        using var response = await host.Client.GetAsync("/api/echo/during-restart");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(killed, host.WorkerProcessId);
        Assert.Contains(host.Logs.Lines, line => line.Message == "Holding a request for function Echo until the worker is ready");
    }
}
