using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Hosting;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Hosting;

/// <summary>Standalone mode over Azurite: the local driver polls a real queue and fires real timers.</summary>
public sealed class LocalTriggerDriverTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private const string Queues = HostJsonConfiguration.Section + ":extensions:queues:";

    [Fact]
    public async Task ASuccessfulMessageIsProcessedOnceAndDeleted()
    {
        var probe = new Probe();
        var queue = await TestStorage.NewQueueAsync();
        await using var app = QueueApp(probe, queue.Name);
        app.StartServer();

        await queue.SendMessageAsync("""{"id":"ok-1"}""");

        var message = await probe.WaitForAsync(() => probe.Messages.FirstOrDefault(), Patience);
        await WaitUntilAsync(async () => (await queue.PeekMessagesAsync()).Value.Length == 0);
        Assert.Equal("""{"id":"ok-1"}""", message.MessageText);
        Assert.Equal(1, message.DequeueCount);
        Assert.Single(probe.Messages);
    }

    [Fact]
    public async Task AMessageThatFailsFiveTimesLandsWholeInThePoisonQueueAndNowhereElse()
    {
        var probe = new Probe { ShouldFail = _ => true };
        var queue = await TestStorage.NewQueueAsync();
        var poison = TestStorage.Queues().GetQueueClient(queue.Name + "-poison");
        await using var app = QueueApp(probe, queue.Name);
        app.StartServer();
        const string text = """{"id":"bad-1","data":"<b>&amp;</b> 'quoted' Zürich"}""";

        await queue.SendMessageAsync(text);

        var poisoned = await probe.WaitForAsync(() => PeekOne(poison), Patience);
        Assert.Equal(text, poisoned.MessageText);
        Assert.Equal([1L, 2, 3, 4, 5], probe.Messages.Select(m => m.DequeueCount));
        Assert.Empty((await queue.PeekMessagesAsync(32)).Value);
        await Task.Delay(500);
        Assert.Single((await poison.PeekMessagesAsync(32)).Value);
        Assert.Equal(5, probe.Messages.Count);
    }

    [Fact]
    public async Task AMessageWhoseFunctionRunsLongerThanItsLeaseIsDeliveredOnce()
    {
        var probe = new Probe { Duration = TimeSpan.FromSeconds(8) };
        var queue = await TestStorage.NewQueueAsync();
        await using var app = QueueApp(probe, queue.Name);
        app.StartServer();

        await queue.SendMessageAsync("""{"id":"slow-1"}""");

        await probe.WaitForAsync(() => probe.Messages.FirstOrDefault(), Patience);
        await WaitUntilAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);
        Assert.Equal([1L], probe.Messages.Select(m => m.DequeueCount));
    }

    [Fact]
    public async Task AMessageWhoseSettleFailedComesBackAfterItsLeaseNotAfterTenMinutes()
    {
        var probe = new Probe();
        var queue = await TestStorage.NewQueueAsync();
        var deleteFails = new StorageFault(m => m.Request.Method == RequestMethod.Delete && m.Request.Uri.Path.Contains($"/{queue.Name}/messages/", StringComparison.Ordinal));
        await using var app = QueueApp(probe, queue.Name)
            .WithServices(services => services.AddSingleton(TestStorage.Customize(o => o.AddPolicy(deleteFails, HttpPipelinePosition.PerCall))));
        app.StartServer();

        await queue.SendMessageAsync("""{"id":"unsettled-1"}""");

        await probe.WaitForAsync(() => probe.Messages.Skip(1).FirstOrDefault(), TimeSpan.FromSeconds(30));
        await WaitUntilAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);
        Assert.True(deleteFails.Fired);
        Assert.Equal([1L, 2L], probe.Messages.Select(m => m.DequeueCount));
    }

    [Fact]
    public async Task AMessageThatFailsOnceIsRetriedAndThenDeleted()
    {
        var probe = new Probe { ShouldFail = m => m.DequeueCount == 1 };
        var queue = await TestStorage.NewQueueAsync();
        await using var app = QueueApp(probe, queue.Name);
        app.StartServer();

        await queue.SendMessageAsync("retry me");

        await probe.WaitForAsync(() => probe.Messages.FirstOrDefault(m => m.DequeueCount == 2), Patience);
        await WaitUntilAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);
        Assert.Empty((await TestStorage.Queues().GetQueueClient(queue.Name + "-poison").PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task Base64BodiesAreDecodedAndUndecodableOnesArePoisonedWithoutAnAttempt()
    {
        var probe = new Probe();
        var queue = await TestStorage.NewQueueAsync();
        var poison = TestStorage.Queues().GetQueueClient(queue.Name + "-poison");
        await using var app = QueueApp(probe, queue.Name).WithSetting(Queues + "messageEncoding", "base64");
        app.StartServer();

        await queue.SendMessageAsync(TestStorage.Base64("""{"id":"b64","name":"Zoë"}"""));
        await queue.SendMessageAsync("this is not base64!");

        var decoded = await probe.WaitForAsync(() => probe.Messages.FirstOrDefault(), Patience);
        var poisoned = await probe.WaitForAsync(() => PeekOne(poison), Patience);
        Assert.Equal("""{"id":"b64","name":"Zoë"}""", decoded.MessageText);
        Assert.Equal("this is not base64!", poisoned.MessageText);
        Assert.Single(probe.Messages);
    }

    [Fact]
    public async Task TheDriverBacksOffWhileTheQueueIsEmpty()
    {
        var probe = new Probe();
        var queue = await TestStorage.NewQueueAsync();
        var recorder = new RequestRecorder();
        await using var app = QueueApp(probe, queue.Name)
            .WithSetting(Queues + "maxPollingInterval", "00:00:01")
            .WithServices(services => services.AddSingleton(TestStorage.Customize(o => o.AddPolicy(recorder, HttpPipelinePosition.PerRetry))));
        app.StartServer();

        await Task.Delay(TimeSpan.FromSeconds(4));

        var polls = recorder.Requests.Count(r => r.Method == "GET" && r.Uri.AbsolutePath.EndsWith($"/{queue.Name}/messages", StringComparison.Ordinal));
        // Without back-off, 100 ms polls would make about 40 requests in 4 s; with it, 100, 200, 400, 800, then 1 s each.
        Assert.InRange(polls, 3, 9);
    }

    [Fact]
    public async Task ATimerFiresOnItsSchedule()
    {
        var probe = new Probe();
        await using var app = TimerApp(probe, "*/1 * * * * *");
        app.StartServer();

        var fired = await probe.WaitForAsync(() => probe.Timers.FirstOrDefault(), Patience);
        await probe.WaitForAsync(() => probe.Timers.Skip(1).FirstOrDefault(), Patience);

        Assert.False(fired.IsPastDue);
        Assert.NotNull(fired.Next);
    }

    [Fact]
    public async Task ARunMissedWhileTheAppWasDownFiresAtStartAsPastDue()
    {
        var probe = new Probe();
        var statusTable = await TestStorage.NewTableAsync();
        var missed = DateTimeOffset.UtcNow.AddHours(-2);
        await statusTable.AddEntityAsync(new TableEntity("timer", nameof(ProbeTimerFunction))
        {
            ["Last"] = missed.AddDays(-1), ["Next"] = missed, ["LastUpdated"] = missed.AddDays(-1),
        });
        await using var app = TimerApp(probe, "0 0 3 1 1 *", statusTable.Name);
        app.StartServer();

        var fired = await probe.WaitForAsync(() => probe.Timers.FirstOrDefault(), Patience);

        Assert.True(fired.IsPastDue);
        Assert.Equal(missed.AddDays(-1).UtcDateTime, fired.Last?.UtcDateTime);
    }

    private static OnboardingApplication QueueApp(Probe probe, string queueName) => new OnboardingApplication()
        .WithLocalTriggerDriver()
        .WithSetting(ProbeQueueFunction.QueueSetting, queueName)
        .WithSetting(Queues + "visibilityTimeout", "00:00:00")
        .WithSetting(Queues + "maxPollingInterval", "00:00:00.500")
        .WithSetting(Queues + "messageEncoding", "none")
        .WithServices(services => services
            .AddSingleton(probe)
            .AddQueueFunction<ProbeQueueFunction>("%" + ProbeQueueFunction.QueueSetting + "%"));

    private static OnboardingApplication TimerApp(Probe probe, string schedule, string? statusTable = null) => new OnboardingApplication()
        .WithLocalTriggerDriver()
        .WithSetting(ProbeTimerFunction.ScheduleSetting, schedule)
        .WithSetting(FunctionsHostSetup.TimerStatusTableSetting, statusTable ?? TestStorage.UniqueTableName())
        .WithServices(services => services
            .AddSingleton(probe)
            .AddTimerFunction<ProbeTimerFunction>("%" + ProbeTimerFunction.ScheduleSetting + "%"));

    /// <summary>The first message, or null while there is none (or the driver has not created the queue yet).</summary>
    private static PeekedMessage? PeekOne(QueueClient queue)
    {
        try
        {
            return queue.PeekMessagesAsync().GetAwaiter().GetResult().Value.FirstOrDefault();
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold in time.");
            }
            await Task.Delay(100);
        }
    }
}
