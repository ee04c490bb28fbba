using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.LocalFunctionsHost.Tests.Infrastructure;
using Onboarding.LocalFunctionsHost.Timers;

namespace Onboarding.LocalFunctionsHost.Tests;

public sealed class TimerTriggerTests
{
    [Fact]
    public async Task AOneSecondScheduleFiresRepeatedlyWithoutMonitoring()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string> { ["TEST_SCHEDULE"] = "* * * * * *" });

        var ticks = await host.Observations.WaitForAsync("tick", seen => seen.Count >= 2);

        Assert.All(ticks, tick => Assert.False(tick.GetProperty("isPastDue").GetBoolean()));
        // Schedules firing more than once a minute are not monitored: no ScheduleStatus.
        Assert.All(ticks, tick => Assert.False(tick.GetProperty("hasStatus").GetBoolean()));
    }

    [Fact]
    public async Task ADisabledFunctionGetsNoListenerWhileTheOthersRun()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["TEST_SCHEDULE"] = "* * * * * *",
            ["AzureWebJobs.Tick.Disabled"] = "true",
        });
        var queue = TestStorage.RawQueue(host.QueueName);
        await queue.CreateAsync();

        await queue.SendMessageAsync(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("still processed")));
        await host.Observations.WaitForAsync("done", seen => seen.Count == 1);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Empty(host.Observations.Read("tick"));
        Assert.Contains(host.Logs.Lines, line => line.Message.Contains("function Tick is disabled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARunMissedWhileTheHostWasDownFiresOnceAtStartAsPastDue()
    {
        var hostId = TestStorage.UniqueName("host");
        var now = DateTimeOffset.UtcNow;
        var missed = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var lastRun = missed.AddHours(-1);
        // The status an hourly timer leaves after its run at lastRun, then the host was down at 'missed'.
        var container = TestStorage.Container(TimerStatusStore.ContainerName);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(TimerStatusStore.BlobName(hostId, "Tick")).UploadAsync(BinaryData.FromString(
            JsonSerializer.Serialize(new { Last = lastRun, Next = missed, LastUpdated = lastRun })), overwrite: true);

        await using var host = await RunningHost.StartAsync(new Dictionary<string, string> { ["TEST_SCHEDULE"] = "0 0 * * * *" }, hostId: hostId);

        var tick = (await host.Observations.WaitForAsync("tick", seen => seen.Count >= 1)).Single();
        Assert.True(tick.GetProperty("isPastDue").GetBoolean());
        Assert.True(tick.GetProperty("hasStatus").GetBoolean());
        Assert.Equal(missed, tick.GetProperty("next").GetDateTimeOffset());
        Assert.Equal(lastRun, tick.GetProperty("last").GetDateTimeOffset());
        var status = await WaitForStatusAsync(container.GetBlobClient(TimerStatusStore.BlobName(hostId, "Tick")), next => next == missed.AddHours(1));
        Assert.True(status.GetProperty("Last").GetDateTimeOffset() > missed);
        Assert.Single(host.Observations.Read("tick"));
    }

    [Fact]
    public async Task TheAdminEndpointRunsATimerAndAQueueFunctionOnce()
    {
        // A five-field expression (no seconds) is accepted too.
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string> { ["TEST_SCHEDULE"] = "0 0 1 1 *" });
        await host.WaitUntilReadyAsync();

        using var timerRun = await host.Client.PostAsJsonAsync("/admin/functions/Tick", new { input = "" });
        using var queueRun = await host.Client.PostAsJsonAsync("/admin/functions/ProcessMessage", new { input = "from the admin API" });
        using var unknown = await host.Client.PostAsJsonAsync("/admin/functions/NoSuchFunction", new { input = "" });
        using var noName = await host.Client.PostAsJsonAsync("/admin/functions", Array.Empty<string>());
        using var httpFunction = await host.Client.PostAsJsonAsync("/admin/functions/Echo", new { input = "" });
        using var get = await host.Client.GetAsync("/admin/functions/Tick");

        Assert.Equal(HttpStatusCode.Accepted, timerRun.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, queueRun.StatusCode);
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "function-not-found");
        await ProblemAssert.IsProblemAsync(noName, HttpStatusCode.NotFound, "function-not-found");
        await ProblemAssert.IsProblemAsync(httpFunction, HttpStatusCode.NotFound, "function-not-found");
        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        var tick = (await host.Observations.WaitForAsync("tick", seen => seen.Count == 1)).Single();
        Assert.False(tick.GetProperty("isPastDue").GetBoolean());
        var done = (await host.Observations.WaitForAsync("done", seen => seen.Count == 1)).Single();
        Assert.Equal("from the admin API", done.GetProperty("message").GetString());
    }

    private static async Task<JsonElement> WaitForStatusAsync(Azure.Storage.Blobs.BlobClient blob, Func<DateTimeOffset, bool> nextIs)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var status = JsonDocument.Parse((await blob.DownloadContentAsync()).Value.Content.ToString()).RootElement.Clone();
            if (nextIs(DateTimeOffset.Parse(status.GetProperty("Next").GetString()!, CultureInfo.InvariantCulture)))
            {
                return status;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The schedule status was not updated: " + status.GetRawText());
            }
            await Task.Delay(100);
        }
    }
}
