using System.Text;
using System.Text.Json;
using Onboarding.Domain.Catalog;

namespace Onboarding.Domain.Events;

/// <summary>
/// Reads one message of the <c>onboarding-events</c> queue: plain or base64-encoded UTF-8 JSON, holding one
/// event or a batch envelope <c>{"version": 1, "events": [...]}</c>. Each event is judged on its own
/// (<see cref="EventContract.ParseEvent"/>), so one bad event does not sink its batch.
/// </summary>
public static class EventMessageParser
{
    /// <summary>The largest message Azure Queue Storage accepts, and so the largest read.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    private static readonly char[] JsonWhitespaceAndByteOrderMark = [' ', '\t', '\r', '\n', '\uFEFF'];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ParsedMessage Parse(string messageText, DateTimeOffset now, OnboardingCatalog catalog, Privacy.Pseudonyms? pseudonyms = null)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        ArgumentNullException.ThrowIfNull(catalog);
        if (messageText.Length > MaxMessageBytes || Encoding.UTF8.GetByteCount(messageText) > MaxMessageBytes)
        {
            return ParsedMessage.Unusable($"The message is larger than the queue's limit of {MaxMessageBytes} bytes.");
        }
        if (JsonText(messageText, out var decodingError) is not { } json)
        {
            return ParsedMessage.Unusable(decodingError);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return ParsedMessage.Unusable($"The message is not valid JSON: {e.Message}");
        }
        using (document)
        {
            return Read(document.RootElement, now, catalog, pseudonyms);
        }
    }

    /// <summary>The JSON text of the message: itself when it is a JSON object, else what its base64 decodes to.</summary>
    private static string? JsonText(string messageText, out string error)
    {
        error = "";
        var trimmed = messageText.Trim(JsonWhitespaceAndByteOrderMark);
        if (trimmed.StartsWith('{'))
        {
            return trimmed;
        }
        var bytes = new byte[(trimmed.Length / 4 * 3) + 3];
        if (trimmed.Length == 0 || !Convert.TryFromBase64String(trimmed, bytes, out var length))
        {
            error = "The message is neither a JSON object nor base64-encoded JSON.";
            return null;
        }
        string decoded;
        try
        {
            decoded = StrictUtf8.GetString(bytes, 0, length).Trim(JsonWhitespaceAndByteOrderMark);
        }
        catch (DecoderFallbackException)
        {
            error = "The message is base64, but what it encodes is not UTF-8 text.";
            return null;
        }
        if (!decoded.StartsWith('{'))
        {
            error = "The message is base64, but what it encodes is not a JSON object.";
            return null;
        }
        return decoded;
    }

    private static ParsedMessage Read(JsonElement root, DateTimeOffset now, OnboardingCatalog catalog, Privacy.Pseudonyms? pseudonyms)
    {
        if (root.TryGetProperty("events", out _))
        {
            // Events are judged one by one below; only the envelope's own fields can sink the whole message here.
            foreach (var property in root.EnumerateObject())
            {
                if (!JsonInput.HasReadableName(property) || (!property.NameEquals("events") && JsonInput.FindDefect(property.Value) is not null))
                {
                    return ParsedMessage.Unusable("The batch envelope holds text that is not valid Unicode (an unpaired UTF-16 surrogate escape).");
                }
            }
        }
        if (root.TryGetProperty("version", out var version) && !EventContract.IsSupportedVersion(version))
        {
            return ParsedMessage.Unusable($"Unsupported contract version; this service reads version {EventContract.Version}.");
        }
        List<JsonElement> events;
        if (root.TryGetProperty("events", out _))
        {
            if (EnvelopeEvents(root, out var envelopeError) is not { } batch)
            {
                return ParsedMessage.Unusable(envelopeError);
            }
            events = batch;
        }
        else
        {
            events = [root];
        }

        var valid = new List<OnboardingEvent>();
        var rejected = new List<RejectedEvent>();
        var redactedValues = 0;
        var indexByKey = new Dictionary<(string OrganizationId, string Id), int>();
        for (var index = 0; index < events.Count; index++)
        {
            if (JsonInput.FindDefect(events[index]) is { } defect)
            {
                rejected.Add(new RejectedEvent(index, null, [new EventProblem(defect.Path == "$" ? "event" : defect.Path, defect.Message).ToString()]));
                continue;
            }
            var validation = EventContract.ParseEvent(events[index], now, catalog, pseudonyms);
            if (validation.Event is not { } e)
            {
                rejected.Add(new RejectedEvent(index, WellFormedId(events[index]), [.. validation.Problems.Select(p => p.ToString())]));
            }
            else if (!indexByKey.TryAdd((e.OrganizationId, e.Id), index))
            {
                // Storage would treat the repeat as a redelivery anyway; saying so helps the producer find its bug.
                var reason = new EventProblem("id", $"the same organizationId and id appear earlier in this message, at index {indexByKey[(e.OrganizationId, e.Id)]}");
                rejected.Add(new RejectedEvent(index, e.Id, [reason.ToString()]));
            }
            else
            {
                valid.Add(e);
                redactedValues += validation.RedactedValues;
            }
        }
        return new ParsedMessage(valid, rejected, null, redactedValues);
    }

    private static List<JsonElement>? EnvelopeEvents(JsonElement envelope, out string error)
    {
        error = "";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in envelope.EnumerateObject())
        {
            if (property.Name is not ("version" or "events"))
            {
                error = $"The batch envelope has an unknown field '{EventFieldReader.EchoableName(property.Name)}'; it holds only version and events.";
                return null;
            }
            if (!seen.Add(property.Name))
            {
                error = $"The batch envelope has '{property.Name}' more than once.";
                return null;
            }
        }
        var events = envelope.GetProperty("events");
        if (events.ValueKind != JsonValueKind.Array || events.GetArrayLength() == 0)
        {
            error = "The batch envelope's events must be a non-empty array of events.";
            return null;
        }
        return [.. events.EnumerateArray()];
    }

    private static string? WellFormedId(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object
        && json.TryGetProperty("id", out var id)
        && id.ValueKind == JsonValueKind.String
        && id.GetString() is { } text
        && EventContract.IsWellFormedId(text)
            ? text
            : null;
}
