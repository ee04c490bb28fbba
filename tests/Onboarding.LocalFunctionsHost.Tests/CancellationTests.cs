using System.Text;
using Onboarding.LocalFunctionsHost.Tests.Infrastructure;

namespace Onboarding.LocalFunctionsHost.Tests;

/// <summary>InvocationCancel and host.json's functionTimeout, as the Functions host applies them.</summary>
public sealed class CancellationTests
{
    [Fact]
    public async Task AClientThatDisconnectsCancelsTheFunctionsToken()
    {
        await using var host = await RunningHost.StartAsync();
        await host.WaitUntilReadyAsync();
        using var client = new CancellationTokenSource();

        var request = host.Client.GetAsync("/api/cancellable?ms=30000", client.Token);
        await host.Observations.WaitForAsync("cancellable-started", seen => seen.Count == 1);
        await client.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        await host.Observations.WaitForAsync("cancellable-cancelled", seen => seen.Count == 1, timeoutSeconds: 15);
        Assert.Empty(host.Observations.Read("cancellable-completed"));
        Assert.Contains(host.Logs.Lines, line => line.Message.StartsWith("Sent InvocationCancel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnInvocationPastTheFunctionTimeoutFailsItsMessageIsRetriedAndItsWorkerIsReplaced()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string> { ["AzureFunctionsJobHost__functionTimeout"] = "00:00:02" });
        await host.WaitUntilReadyAsync();
        var queue = TestStorage.RawQueue(host.QueueName);
        await queue.CreateAsync();
        var firstWorker = host.WorkerProcessId!.Value;

        await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes("slow:60000")));

        var attempts = await host.Observations.WaitForAsync("started", seen => seen.Count >= 2, timeoutSeconds: 60);
        Assert.Contains(attempts, attempt => attempt.GetProperty("bindingData").GetProperty("DequeueCount").GetString() == "2");
        Assert.NotEqual(firstWorker, host.WorkerProcessId);
        Assert.Contains(host.Logs.Lines, line => line.Message.StartsWith("Timeout value of 00:00:02 exceeded by function 'ProcessMessage'", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Lines, line => line.Message.StartsWith("Executed 'Functions.ProcessMessage' (Failed", StringComparison.Ordinal)
            && line.Message.Contains("Timeout value of 00:00:02 was exceeded", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Lines, line => line.Message.StartsWith($"Replacing worker process {firstWorker}", StringComparison.Ordinal));
        Assert.Empty(host.Observations.Read("done"));
    }
}
