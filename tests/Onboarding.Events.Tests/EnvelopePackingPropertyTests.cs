using System.Text;
using Onboarding.Events.Publishing;
using Onboarding.Events.Tests.Infrastructure;
using Onboarding.Events.Wire;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Onboarding.Events.Tests;

/// <summary>
/// The packer on its own, over many seeded random event streams: no envelope is ever above the limit, each
/// holds one organization, the computed size is the written size, and no envelope was closed early.
/// </summary>
public sealed class EnvelopePackingPropertyTests(ITestOutputHelper output)
{
    private const int Limit = OnboardingEventPublisherOptions.QueueMessageLimitBytes;

    [Theory]
    [InlineData(EventMessageEncoding.Plain)]
    [InlineData(EventMessageEncoding.Base64)]
    public void EnvelopesNeverExceed64KiBAndAreAsFullAsAllowed(EventMessageEncoding encoding)
    {
        var seeds = Enumerable.Range(1, 20).Append(Random.Shared.Next()).ToList();
        var (envelopes, events, maxBytes) = (0, 0, 0);
        foreach (var seed in seeds)
        {
            try
            {
                var result = CheckOneStream(seed, encoding);
                envelopes += result.Envelopes;
                events += result.Events;
                maxBytes = Math.Max(maxBytes, result.MaxBytes);
            }
            catch (Exception e) when (e is XunitException or InvalidOperationException)
            {
                throw new XunitException($"seed {seed} ({encoding}): {e.Message}");
            }
        }
        output.WriteLine($"{encoding}: {seeds.Count} seeds (last {seeds[^1]}), {events} events, {envelopes} envelopes, largest {maxBytes} bytes of {Limit}");
        Assert.True(maxBytes > Limit - 12_000, $"the largest envelope, {maxBytes} bytes, should come close to the limit");
    }

    private static (int Envelopes, int Events, int MaxBytes) CheckOneStream(int seed, EventMessageEncoding encoding)
    {
        var random = new Random(seed);
        var maxEvents = random.Next(3) == 0 ? random.Next(1, 60) : 1000;
        var packer = new EnvelopePacker(encoding, Limit, maxEvents);
        var events = new RandomEvents(seed).Next(random.Next(50, 400), random.Next(1, 6))
            .Select(e => new PendingEvent(e.OrganizationId, e.Id, EventWriter.ToJsonBytes(e), null))
            .ToList();

        var envelopes = packer.Pack(events);

        var maxBytes = 0;
        foreach (var envelope in envelopes)
        {
            var bytes = Encoding.UTF8.GetByteCount(envelope.MessageText);
            Assert.Equal(envelope.MessageBytes, bytes);
            Assert.True(bytes <= Limit, $"envelope of {bytes} bytes");
            Assert.InRange(envelope.Events.Count, 1, maxEvents);
            Assert.All(envelope.Events, e => Assert.Equal(envelope.OrganizationId, e.OrganizationId));
            Assert.Equal(encoding == EventMessageEncoding.Plain, envelope.MessageText.StartsWith('{'));
            Assert.Equal(envelope.Events.Select(e => e.Id), AppReader.Envelope(envelope.MessageText).Events.Select(e => e.Id));
            maxBytes = Math.Max(maxBytes, bytes);
        }
        foreach (var organization in events.GroupBy(e => e.OrganizationId))
        {
            var ofOrganization = envelopes.Where(e => e.OrganizationId == organization.Key).ToList();
            // Every event exactly once, in publish order.
            Assert.Equal(organization.Select(e => e.Id), ofOrganization.SelectMany(e => e.Events).Select(e => e.Id));
            // Tight: each envelope but the last was closed because the next event would not have fitted.
            for (var i = 0; i < ofOrganization.Count - 1; i++)
            {
                var closed = ofOrganization[i].Events;
                var next = ofOrganization[i + 1].Events[0];
                var wouldBe = packer.MessageBytes(closed.Count + 1, closed.Sum(e => (long)e.Json.Length) + next.Json.Length);
                Assert.True(closed.Count == maxEvents || wouldBe > Limit, $"envelope {i} of {organization.Key} was closed with room left");
            }
        }
        return (envelopes.Count, events.Count, maxBytes);
    }

    [Fact]
    public void Base64SizeIsFourCharactersPerStartedThreeBytes()
    {
        var plain = new EnvelopePacker(EventMessageEncoding.Plain, Limit, 1000);
        var base64 = new EnvelopePacker(EventMessageEncoding.Base64, Limit, 1000);
        for (var eventBytes = 100; eventBytes < 300; eventBytes++)
        {
            var json = plain.MessageBytes(2, eventBytes);
            Assert.Equal(Convert.ToBase64String(new byte[json]).Length, base64.MessageBytes(2, eventBytes));
        }
    }

    [Fact]
    public void TheWrittenEnvelopeIsWhatTheSourceGeneratedContextWrites()
    {
        var events = new RandomEvents(7).Next(60, 1).ToDictionary(e => e.Id);
        var packer = new EnvelopePacker(EventMessageEncoding.Plain, Limit, 1000);
        var envelopes = packer.Pack([.. events.Values.Select(e => new PendingEvent(e.OrganizationId, e.Id, EventWriter.ToJsonBytes(e), null))]);
        Assert.True(envelopes.Count > 1);

        foreach (var envelope in envelopes)
        {
            var wire = new EventEnvelope(EventEnvelope.CurrentVersion, [.. envelope.Events.Select(e => EventWriter.ToWire(events[e.Id]))]);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(wire, EventsJsonContext.Default.EventEnvelope), envelope.MessageText);
        }
    }
}
