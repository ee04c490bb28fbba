using System.Diagnostics;
using System.Net;
using System.Text;
using Onboarding.LocalFunctionsHost.Tests.Infrastructure;

namespace Onboarding.LocalFunctionsHost.Tests;

public sealed class WorkerRestartTests
{
    [Fact]
    public async Task AWorkerKilledMidBatchIsRestartedAndEveryMessageIsProcessed()
    {
        await using var host = await RunningHost.StartAsync();
        await host.WaitUntilReadyAsync();
        var queue = TestStorage.RawQueue(host.QueueName);
        var poison = TestStorage.RawQueue(host.QueueName + "-poison");
        await queue.CreateAsync();
        var bodies = Enumerable.Range(1, 10).Select(i => $"slow:1500:{i}").ToList();
        foreach (var body in bodies)
        {
            await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(body)));
        }
        await host.Observations.WaitForAsync("started", seen => seen.Count >= 2);
        var killed = host.WorkerProcessId!.Value;

        Process.GetProcessById(killed).Kill();

        var done = await host.Observations.WaitForAsync("done", seen => seen.Select(o => o.GetProperty("message").GetString()).Distinct().Count() == bodies.Count, timeoutSeconds: 90);
        Assert.Equal(bodies.Order(), done.Select(o => o.GetProperty("message").GetString()!).Distinct().Order());
        await QueueAssert.IsEmptyEventuallyAsync(queue);
        Assert.Empty(await QueueAssert.PeekTextsAsync(poison));
        Assert.NotEqual(killed, host.WorkerProcessId);
        Assert.Contains(host.Logs.Lines, line => line.Message.StartsWith($"Worker process {killed} exited with code", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Lines, line => line.Message.StartsWith("Restarting the worker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnHttpRequestInFlightWhenTheWorkerDiesIsA500AndTheRestartedWorkerServesTheNextOne()
    {
        await using var host = await RunningHost.StartAsync();
        await host.WaitUntilReadyAsync();
        var inFlight = host.Client.GetAsync("/api/echo/slow?delay=30000");
        await host.Observations.WaitForAsync("http-started", seen => seen.Count == 1);

        var killed = host.WorkerProcessId!.Value;
        Process.GetProcessById(killed).Kill();

        using var failed = await inFlight;
        await ProblemAssert.IsProblemAsync(failed, HttpStatusCode.InternalServerError, "function-failed");
        await host.WaitForReplacementWorkerAsync(killed);
        using var served = await host.Client.GetAsync("/api/echo/after-restart");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }
}
