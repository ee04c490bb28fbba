using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Onboarding.Events.Publishing;

/// <summary>
/// Packs events into batch envelopes: per organization, in publish order, each envelope as full as the
/// message limit and the event count allow. Sizes are computed exactly from the events' bytes (compact
/// JSON, one comma between events, base64 as 4 characters per started 3 bytes) and checked against the
/// written message.
/// </summary>
internal sealed class EnvelopePacker(EventMessageEncoding encoding, int maxMessageBytes, int maxEventsPerEnvelope)
{
    /// <summary><c>{"version":1,"events":[</c> and <c>]}</c>.</summary>
    private static readonly int EnvelopeOverhead = Write([]).Length;

    /// <summary>The message size of an envelope holding events whose JSON adds up to <paramref name="eventBytes"/>.</summary>
    public int MessageBytes(int eventCount, long eventBytes)
    {
        var json = EnvelopeOverhead + eventBytes + Math.Max(eventCount - 1, 0);
        return (int)(encoding == EventMessageEncoding.Base64 ? (json + 2) / 3 * 4 : json);
    }

    /// <summary>Whether one event fits an envelope on its own.</summary>
    public bool Fits(int eventJsonBytes) => MessageBytes(1, eventJsonBytes) <= maxMessageBytes;

    public IReadOnlyList<PackedEnvelope> Pack(IReadOnlyList<PendingEvent> events)
    {
        var envelopes = new List<PackedEnvelope>();
        foreach (var organization in events.GroupBy(e => e.OrganizationId, StringComparer.Ordinal))
        {
            var current = new List<PendingEvent>();
            long bytes = 0;
            foreach (var e in organization)
            {
                if (current.Count > 0
                    && (current.Count == maxEventsPerEnvelope || MessageBytes(current.Count + 1, bytes + e.Json.Length) > maxMessageBytes))
                {
                    envelopes.Add(Seal(organization.Key, current, bytes));
                    current = [];
                    bytes = 0;
                }
                current.Add(e);
                bytes += e.Json.Length;
            }
            if (current.Count > 0)
            {
                envelopes.Add(Seal(organization.Key, current, bytes));
            }
        }
        return envelopes;
    }

    private PackedEnvelope Seal(string organizationId, List<PendingEvent> events, long bytes)
    {
        var json = Write(events);
        var text = encoding == EventMessageEncoding.Base64 ? Convert.ToBase64String(json) : Encoding.UTF8.GetString(json);
        var expected = MessageBytes(events.Count, bytes);
        // The JSON is ASCII (see EventsJsonContext) and so is base64: characters are bytes.
        if (text.Length != expected || Encoding.UTF8.GetByteCount(text) != expected || expected > maxMessageBytes)
        {
            throw new InvalidOperationException($"Envelope size mismatch: computed {expected} bytes, wrote {text.Length}.");
        }
        return new PackedEnvelope(organizationId, events, text, expected);
    }

    private static byte[] Write(IReadOnlyList<PendingEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", Wire.EventEnvelope.CurrentVersion);
            writer.WriteStartArray("events");
            foreach (var e in events)
            {
                writer.WriteRawValue(e.Json, skipInputValidation: true);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
