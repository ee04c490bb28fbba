using System.Text;
using System.Text.Json;
using Onboarding.LocalFunctionsHost.Tests.Infrastructure;
using Onboarding.LocalFunctionsHost.Timers;

namespace Onboarding.LocalFunctionsHost.Tests;

/// <summary>A stop drains, as Flex Consumption drains an instance it scales in: what runs finishes once, nothing is released or lost.</summary>
public sealed class DrainTests
{
    [Fact]
    public async Task StoppingDuringABatchFinishesEveryMessageInFlightOnceAndReleasesNone()
    {
        var host = await RunningHost.StartAsync();
        await using var disposing = host;
        await host.WaitUntilReadyAsync();
        var queue = TestStorage.RawQueue(host.QueueName);
        var poison = TestStorage.RawQueue(host.QueueName + "-poison");
        await queue.CreateAsync();
        for (var i = 1; i <= 6; i++)
        {
            await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes($"slow:2000:{i}")));
        }
        var started = await host.Observations.WaitForAsync("started", seen => seen.Count >= 2);

        await host.StopAsync();

        var startedMessages = host.Observations.Read("started").Select(o => o.GetProperty("message").GetString()!).ToList();
        var doneMessages = host.Observations.Read("done").Select(o => o.GetProperty("message").GetString()!).ToList();
        Assert.True(startedMessages.Count >= started.Count);
        Assert.Equal(startedMessages.Order(), doneMessages.Order());
        Assert.Equal(startedMessages.Count, startedMessages.Distinct().Count());
        Assert.All(host.Observations.Read("started"), o => Assert.Equal("1", o.GetProperty("bindingData").GetProperty("DequeueCount").GetString()));
        // The finished messages are deleted; the others were never received and wait, visible, for the next host.
        var left = (await queue.PeekMessagesAsync(32)).Value.Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Body.ToString()))).ToList();
        Assert.Equal(6, left.Count + doneMessages.Count);
        Assert.Empty(left.Intersect(doneMessages));
        Assert.Empty(await QueueAssert.PeekTextsAsync(poison));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Message.StartsWith("Executed 'Functions.ProcessMessage' (Failed", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Lines, line => line.Message.StartsWith("Draining:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATimerRunUnderWayWhenTheHostStopsFinishesAndMovesTheScheduleOn()
    {
        var hostId = TestStorage.UniqueName("host");
        var now = DateTimeOffset.UtcNow;
        var missed = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var container = TestStorage.Container(TimerStatusStore.ContainerName);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient(TimerStatusStore.BlobName(hostId, "Tick"));
        await blob.UploadAsync(BinaryData.FromString(JsonSerializer.Serialize(new { Last = missed.AddHours(-1), Next = missed, LastUpdated = missed.AddHours(-1) })), overwrite: true);
        var host = await RunningHost.StartAsync(new Dictionary<string, string> { ["TEST_SCHEDULE"] = "0 0 * * * *", ["TEST_TICK_DELAY_MS"] = "2000" }, hostId: hostId);
        await using var disposing = host;
        await host.Observations.WaitForAsync("timer-begun", seen => seen.Count == 1);

        await host.StopAsync();

        var tick = Assert.Single(host.Observations.Read("tick"));
        Assert.True(tick.GetProperty("isPastDue").GetBoolean());
        var status = JsonDocument.Parse((await blob.DownloadContentAsync()).Value.Content.ToString()).RootElement;
        Assert.Equal(missed.AddHours(1), status.GetProperty("Next").GetDateTimeOffset());
    }

    [Fact]
    public async Task ATimerRunTheDrainCutsOffLeavesTheStatusDueSoTheNextStartRunsItPastDue()
    {
        var hostId = TestStorage.UniqueName("host");
        var now = DateTimeOffset.UtcNow;
        var missed = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var container = TestStorage.Container(TimerStatusStore.ContainerName);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient(TimerStatusStore.BlobName(hostId, "Tick"));
        await blob.UploadAsync(BinaryData.FromString(JsonSerializer.Serialize(new { Last = missed.AddHours(-1), Next = missed, LastUpdated = missed.AddHours(-1) })), overwrite: true);
        var slowRun = new Dictionary<string, string>
        {
            ["TEST_SCHEDULE"] = "0 0 * * * *",
            ["TEST_TICK_DELAY_MS"] = "30000",
            ["LocalFunctionsHost__DrainTimeout"] = "00:00:01",
        };
        var cut = await RunningHost.StartAsync(slowRun, hostId: hostId);
        await using (cut)
        {
            await cut.Observations.WaitForAsync("timer-begun", seen => seen.Count == 1);
            await cut.StopAsync();
            Assert.Empty(cut.Observations.Read("tick"));
            Assert.Contains(cut.Logs.Lines, line => line.Message.StartsWith("The drain timed out", StringComparison.Ordinal));
        }
        var status = JsonDocument.Parse((await blob.DownloadContentAsync()).Value.Content.ToString()).RootElement;
        Assert.Equal(missed, status.GetProperty("Next").GetDateTimeOffset());

        await using var next = await RunningHost.StartAsync(new Dictionary<string, string> { ["TEST_SCHEDULE"] = "0 0 * * * *" }, hostId: hostId);

        var tick = Assert.Single(await next.Observations.WaitForAsync("tick", seen => seen.Count == 1));
        Assert.True(tick.GetProperty("isPastDue").GetBoolean());
    }
}
