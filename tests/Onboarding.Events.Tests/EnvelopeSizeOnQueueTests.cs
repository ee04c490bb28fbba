using System.Text;
using Onboarding.Events.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Onboarding.Events.Tests;

/// <summary>Random events through the real publisher into Azurite: what lands is at most 64 KiB and the app reads all of it.</summary>
public sealed class EnvelopeSizeOnQueueTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(EventMessageEncoding.Plain, 11)]
    [InlineData(EventMessageEncoding.Base64, 12)]
    [InlineData(EventMessageEncoding.Plain, -1)]
    [InlineData(EventMessageEncoding.Base64, -1)]
    public async Task EveryMessageOnTheQueueIsAtMost64KiBAndEveryEventArrivesOnce(EventMessageEncoding encoding, int fixedSeed)
    {
        var seed = fixedSeed >= 0 ? fixedSeed : Random.Shared.Next();
        try
        {
            var queueName = await TestQueues.NewQueueAsync();
            var events = new RandomEvents(seed).Next(500, 3);
            await using (var publisher = new OnboardingEventPublisher(
                TestQueues.ConnectionString,
                TestQueues.PublisherOptions(queueName, encoding) with { MaxEventsPerEnvelope = 1000 },
                TestQueues.ClientOptions()))
            {
                publisher.Publish(events);
            }

            var messages = await TestQueues.DrainAsync(queueName);
            var sizes = messages.Select(Encoding.UTF8.GetByteCount).ToList();
            Assert.All(sizes, size => Assert.True(size <= 65_536, $"a message of {size} bytes"));
            var received = messages.SelectMany(AppReader.ValidEvents).ToList();
            Assert.Equal(events.Select(e => (e.OrganizationId, e.Id)).Order(), received.Select(e => (e.OrganizationId, e.Id)).Order());
            output.WriteLine($"seed {seed} {encoding}: {events.Count} events in {messages.Count} messages, largest {sizes.Max()} bytes");
        }
        catch (Exception e) when (e is XunitException)
        {
            throw new XunitException($"seed {seed} ({encoding}): {e.Message}");
        }
    }
}
