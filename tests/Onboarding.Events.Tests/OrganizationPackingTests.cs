using Onboarding.Events.Tests.Infrastructure;

namespace Onboarding.Events.Tests;

/// <summary>One envelope, one organization: the receiver commits a message in its organization's partition.</summary>
public sealed class OrganizationPackingTests
{
    [Fact]
    public async Task InterleavedOrganizationsArePackedApartInPublishOrder()
    {
        var queueName = await TestQueues.NewQueueAsync();
        var organizations = new[] { "org-a", "org-b", "org-c" };
        var events = Enumerable.Range(0, 300).Select(i => (OnboardingEvent)new EventCreated(organizations[i % 3])).ToList();

        await using (var publisher = new OnboardingEventPublisher(TestQueues.ConnectionString, TestQueues.PublisherOptions(queueName)))
        {
            publisher.Publish(events);
            await publisher.FlushAsync();
        }

        var messages = await TestQueues.DrainAsync(queueName);
        var envelopes = messages.Select(AppReader.ValidEvents).ToList();
        Assert.All(envelopes, envelope => Assert.Single(envelope.Select(e => e.OrganizationId).Distinct()));
        // 100 events each, at most 98 per envelope (one receiver transaction): two envelopes per organization.
        Assert.Equal(6, envelopes.Count);
        Assert.All(envelopes, envelope => Assert.True(envelope.Count <= OnboardingEventPublisherOptions.EventsPerTransaction));
        foreach (var organization in organizations)
        {
            var sent = events.Where(e => e.OrganizationId == organization).Select(e => e.Id).ToList();
            var received = envelopes.Where(e => e[0].OrganizationId == organization).OrderBy(e => sent.IndexOf(e[0].Id)).SelectMany(e => e).Select(e => e.Id);
            Assert.Equal(sent, received);
        }
    }

    [Fact]
    public async Task AMissingQueueIsCreatedByTheFirstSend()
    {
        var queueName = TestQueues.UniqueName();
        await using (var publisher = new OnboardingEventPublisher(TestQueues.ConnectionString, TestQueues.PublisherOptions(queueName)))
        {
            publisher.Publish(new OrganizationCreated("org-new"));
            await publisher.FlushAsync();
        }
        Assert.Single(await TestQueues.DrainAsync(queueName));
    }
}
