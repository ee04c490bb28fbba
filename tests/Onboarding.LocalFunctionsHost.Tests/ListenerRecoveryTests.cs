using System.Net;
using Onboarding.LocalFunctionsHost.Tests.Infrastructure;
using Onboarding.LocalFunctionsHost.Timers;

namespace Onboarding.LocalFunctionsHost.Tests;

/// <summary>A failing listener is logged and retried, as the WebJobs SDK's FunctionListener retries it; the host keeps serving.</summary>
public sealed class ListenerRecoveryTests
{
    [Fact]
    public async Task AMalformedTimerStatusFailsOnlyItsListenerWhichStartsOnceTheStatusIsGone()
    {
        var hostId = TestStorage.UniqueName("host");
        var container = TestStorage.Container(TimerStatusStore.ContainerName);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient(TimerStatusStore.BlobName(hostId, "Tick"));
        await blob.UploadAsync(BinaryData.FromString("{not json"), overwrite: true);
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["TEST_SCHEDULE"] = "0 0 * * * *",
            ["LocalFunctionsHost__ListenerRetryInterval"] = "00:00:00.300",
        }, hostId: hostId);
        await host.WaitUntilReadyAsync();

        await WaitForLogAsync(host, "Retrying to start listener for function 'Functions.Tick' (Attempt 1)");
        using var served = await host.Client.GetAsync("/api/echo/still-serving");
        await blob.DeleteAsync();

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains(host.Logs.Lines, line => line.Message == "The listener for function 'Functions.Tick' was unable to start or failed.");
        await WaitForLogAsync(host, "Timer function Tick next fires at");
        Assert.True((await blob.ExistsAsync()).Value);
    }

    private static async Task WaitForLogAsync(RunningHost host, string start)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!host.Logs.Lines.Any(line => line.Message.StartsWith(start, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No log line starting '{start}':\n" + string.Join("\n", host.Logs.Lines));
            }
            await Task.Delay(50);
        }
    }
}
