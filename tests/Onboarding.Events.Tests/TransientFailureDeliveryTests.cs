using Microsoft.Extensions.Logging;
using Moq;
using Onboarding.Events.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Onboarding.Events.Tests;

/// <summary>
/// Sends fail with 503 before they reach Azurite (nothing stored) or after (stored, reply lost, so the SDK or
/// the publisher sends again). Every event must arrive; a resent envelope repeats the very same text, so the
/// repeated ids are the same events, which the receiver skips.
/// </summary>
public sealed class TransientFailureDeliveryTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(EventMessageEncoding.Plain, 21)]
    [InlineData(EventMessageEncoding.Base64, 22)]
    public async Task EveryEventArrivesAfterInjectedFailuresAndDuplicatesAreIdentical(EventMessageEncoding encoding, int seed)
    {
        try
        {
            await Deliver(encoding, seed);
        }
        catch (XunitException e)
        {
            throw new XunitException($"seed {seed} ({encoding}): {e.Message}");
        }
    }

    private async Task Deliver(EventMessageEncoding encoding, int seed)
    {
        var queueName = await TestQueues.NewQueueAsync();
        var faults = new SendFaults(seed, beforeRate: 0.25, afterRate: 0.25);
        var logger = new Mock<ILogger<OnboardingEventPublisher>>();
        logger.Setup(l => l.IsEnabled(It.IsAny<LogLevel>())).Returns(true);
        var events = new RandomEvents(seed).Next(800, 6);

        await using (var publisher = new OnboardingEventPublisher(
            TestQueues.ConnectionString,
            TestQueues.PublisherOptions(queueName, encoding) with { MaxSendAttempts = 12, MaxEventsPerEnvelope = 40 },
            TestQueues.ClientOptions(faults, maxRetries: 1),
            logger.Object))
        {
            // From several threads at once: Publish is thread-safe.
            await Task.WhenAll(events.Chunk(100).Select(chunk => Task.Run(() =>
            {
                foreach (var e in chunk)
                {
                    publisher.Publish(e);
                }
            })));
            await publisher.FlushAsync();
        }

        var messages = await TestQueues.DrainAsync(queueName);
        var distinct = messages.Distinct(StringComparer.Ordinal).ToList();
        var copies = messages.Count - distinct.Count;

        // Each failure after the send left exactly one extra, byte-identical copy of its envelope; nothing else was doubled.
        Assert.True(faults.FailedBefore > 0 && faults.FailedAfter > 0, "the seed injected failures of both kinds");
        Assert.Equal(faults.FailedAfter, copies);
        Assert.Equal(faults.Reached, messages.Count);

        var received = distinct.SelectMany(AppReader.ValidEvents).ToList();
        Assert.Equal(events.Select(e => e.Id).Order(), received.Select(e => e.Id).Order());

        // Across all copies: an id always stands for the same event text.
        var textsById = messages.SelectMany(AppReader.RawEvents).GroupBy(e => e.Id).ToList();
        Assert.Equal(events.Count, textsById.Count);
        Assert.All(textsById, g => Assert.Single(g.Select(e => e.Json).Distinct()));
        var repeatedIds = textsById.Count(g => g.Count() > 1);
        Assert.True(repeatedIds > 0);

        // Some envelopes outlasted the SDK's own retry and were sent again by the publisher.
        logger.Verify(l => l.Log(LogLevel.Warning, It.Is<EventId>(id => id.Id == 2), It.IsAny<It.IsAnyType>(), It.IsAny<Exception?>(),
            It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.AtLeastOnce());

        output.WriteLine($"seed {seed} {encoding}: {events.Count} events, {distinct.Count} envelopes, {messages.Count} messages on the queue; "
            + $"injected {faults.FailedBefore} failures before and {faults.FailedAfter} after the send; {repeatedIds} ids seen more than once");
    }

    [Fact]
    public async Task ARefusedSendKeepsPublishedEventsBufferedAndFaultsAwaitedOnes()
    {
        var queueName = await TestQueues.NewQueueAsync();
        var refusal = new SendFaults(seed: 1, beforeRate: 1.0, afterRate: 0, status: 403, errorCode: "AuthorizationFailure");
        var publisher = new OnboardingEventPublisher(TestQueues.ConnectionString, TestQueues.PublisherOptions(queueName), TestQueues.ClientOptions(refusal));
        var published = new ViewReports("org-refused");
        var awaited = new VideoPlayed("org-refused");
        publisher.Publish(published);
        var enqueued = publisher.EnqueueAsync(awaited);

        var error = await Assert.ThrowsAsync<OnboardingEventPublishException>(() => publisher.FlushAsync());
        Assert.Equal(2, error.UnsentEvents);
        await Assert.ThrowsAsync<OnboardingEventPublishException>(() => enqueued);
        // Not transient: one attempt only.
        Assert.Equal(1, refusal.FailedBefore);
        Assert.Equal(1, publisher.PendingCount);

        refusal.Enabled = false;
        await publisher.DisposeAsync();
        var received = (await TestQueues.DrainAsync(queueName)).SelectMany(AppReader.ValidEvents).ToList();
        Assert.Equal(published.Id, Assert.Single(received).Id);
    }
}
