using Onboarding.LocalFunctionsHost.Tests.Infrastructure;
using Onboarding.LocalFunctionsHost.Timers;

namespace Onboarding.LocalFunctionsHost.Tests;

/// <summary>A timer runs on one host of those sharing storage and host id, as the host's singleton listener lock makes it.</summary>
public sealed class TimerSingletonTests
{
    [Fact]
    public async Task TwoHostsWithOneHostIdRunTheTimerOnOnlyOneOfThem()
    {
        var hostId = TestStorage.UniqueName("host");
        var everySecond = new Dictionary<string, string> { ["TEST_SCHEDULE"] = "* * * * * *" };
        await using var first = await RunningHost.StartAsync(everySecond, hostId: hostId);
        await using var second = await RunningHost.StartAsync(everySecond, hostId: hostId);
        await first.WaitUntilReadyAsync();
        await second.WaitUntilReadyAsync();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (first.Observations.Read("tick").Count + second.Observations.Read("tick").Count < 4 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var ticks = new[] { first.Observations.Read("tick").Count, second.Observations.Read("tick").Count };
        Assert.True(ticks.Sum() >= 4, $"ticks: {ticks[0]} + {ticks[1]}");
        Assert.Contains(0, ticks);
        var waiting = ticks[0] == 0 ? first : second;
        Assert.Contains(waiting.Logs.Lines, line => line.Message.StartsWith($"Unable to acquire Singleton lock ({hostId}/Host.Functions.Tick.Listener)", StringComparison.Ordinal));
        var lease = await TestStorage.Container(TimerStatusStore.ContainerName).GetBlobClient(ListenerLock.BlobName(hostId, "Tick")).GetPropertiesAsync();
        Assert.Equal(Azure.Storage.Blobs.Models.LeaseState.Leased, lease.Value.LeaseState);
    }
}
