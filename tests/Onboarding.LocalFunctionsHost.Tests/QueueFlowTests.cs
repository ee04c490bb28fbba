using System.Text;
using Onboarding.LocalFunctionsHost.Tests.Infrastructure;

namespace Onboarding.LocalFunctionsHost.Tests;

/// <summary>How many queue messages run at once, and how long they stay hidden while they run.</summary>
public sealed class QueueFlowTests
{
    [Fact]
    public async Task AMessageWhoseFunctionRunsLongerThanItsVisibilityIsRenewedAndDeliveredOnce()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["LocalFunctionsHost__QueueProcessingVisibility"] = "00:00:02",
        });
        var queue = TestStorage.RawQueue(host.QueueName);
        await queue.CreateAsync();

        await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes("slow:5000:renewed")));

        await host.Observations.WaitForAsync("done", seen => seen.Count == 1);
        await QueueAssert.IsEmptyEventuallyAsync(queue);
        Assert.Single(host.Observations.Read("started"));
    }

    [Fact]
    public async Task AtMostBatchSizePlusNewBatchThresholdMessagesRunAtOnce()
    {
        // The test worker's host.json: batchSize 4, newBatchThreshold 2.
        await using var host = await RunningHost.StartAsync();
        var queue = TestStorage.RawQueue(host.QueueName);
        await queue.CreateAsync();
        for (var i = 0; i < 16; i++)
        {
            await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes($"slow:700:{i}")));
        }

        await host.Observations.WaitForAsync("done", seen => seen.Count == 16);

        var concurrency = host.Observations.Read("started").Select(o => o.GetProperty("concurrent").GetInt32()).ToList();
        Assert.InRange(concurrency.Max(), 2, 4 + 2);
        await QueueAssert.IsEmptyEventuallyAsync(queue);
    }
}
