using Onboarding.Events.Tests.Infrastructure;

namespace Onboarding.Events.Tests;

public sealed class DisposeAndFlushTests
{
    [Fact]
    public async Task DisposeSendsEverythingStillBuffered()
    {
        var queueName = await TestQueues.NewQueueAsync();
        var events = Enumerable.Range(0, 250).Select(i => (OnboardingEvent)new VolunteerAdded($"org-{i % 2}")).ToList();
        Task awaited;
        await using (var publisher = new OnboardingEventPublisher(TestQueues.ConnectionString, TestQueues.PublisherOptions(queueName) with
        {
            // Neither a timer nor a full envelope: only dispose can send them.
            MaxEventsPerEnvelope = 1000,
        }))
        {
            publisher.Publish(events);
            awaited = publisher.EnqueueAsync(new ViewReports("org-0"));
            Assert.Equal(251, publisher.PendingCount);
            Assert.False(awaited.IsCompleted);
        }

        await awaited;
        var received = (await TestQueues.DrainAsync(queueName)).SelectMany(AppReader.ValidEvents).ToList();
        Assert.Equal(251, received.Count);
        Assert.Equal(251, received.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task TheTimerFlushesAndEnqueueAsyncCompletesOnceSent()
    {
        var queueName = await TestQueues.NewQueueAsync();
        await using var publisher = new OnboardingEventPublisher(TestQueues.ConnectionString,
            TestQueues.PublisherOptions(queueName) with { FlushInterval = TimeSpan.FromMilliseconds(50) });

        await publisher.EnqueueAsync(new TeamCreated("org-timer") { IsSample = true }).WaitAsync(TimeSpan.FromSeconds(10));

        var e = Assert.Single(AppReader.ValidEvents(Assert.Single(await TestQueues.DrainAsync(queueName))));
        Assert.True(e.IsSample);
    }

    [Fact]
    public async Task AFullEnvelopeIsSentWithoutWaitingForAFlush()
    {
        var queueName = await TestQueues.NewQueueAsync();
        await using var publisher = new OnboardingEventPublisher(TestQueues.ConnectionString,
            TestQueues.PublisherOptions(queueName) with { MaxEventsPerEnvelope = 10 });

        var sends = Enumerable.Range(0, 10).Select(_ => publisher.EnqueueAsync(new EventCreated("org-full"))).ToList();

        await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(10, AppReader.ValidEvents(Assert.Single(await TestQueues.DrainAsync(queueName))).Count);
    }

    [Fact]
    public async Task PublishingAfterDisposeIsRefused()
    {
        var publisher = new OnboardingEventPublisher(TestQueues.ConnectionString, TestQueues.PublisherOptions(TestQueues.UniqueName()));
        await publisher.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => publisher.Publish(new ViewReports("org-x")));
    }
}
