using System.Text;
using System.Text.Json;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Events.Wire;

namespace Onboarding.Events.Tests.Infrastructure;

/// <summary>Reads queue messages the way the app does: its own parser, with the default catalog.</summary>
public static class AppReader
{
    public static OnboardingCatalog Catalog => DefaultCatalog.Catalog;

    /// <summary>The pseudonyms the app makes of user ids (any key: tests compare with the same one).</summary>
    public static Domain.Privacy.Pseudonyms Pseudonyms { get; } = new(Encoding.UTF8.GetBytes("producer-tests-pseudonym-key-of-32-bytes"));

    /// <summary>The events of a message, asserting that the app's parser accepts the message and every event in it.</summary>
    public static IReadOnlyList<Domain.Events.OnboardingEvent> ValidEvents(string messageText)
    {
        var parsed = EventMessageParser.Parse(messageText, DateTimeOffset.UtcNow, Catalog, AppReader.Pseudonyms);
        Assert.Null(parsed.MessageError);
        Assert.True(parsed.Rejected.Count == 0,
            "rejected: " + string.Join("; ", parsed.Rejected.Select(r => $"#{r.Index} {r.Id}: {string.Join(", ", r.Reasons)}")));
        return parsed.Valid;
    }

    /// <summary>The envelope's JSON text, decoding base64 when the message is not plain JSON.</summary>
    public static string Json(string messageText) =>
        messageText.StartsWith('{') ? messageText : Encoding.UTF8.GetString(Convert.FromBase64String(messageText));

    /// <summary>The envelope read with the library's own source-generated context.</summary>
    public static EventEnvelope Envelope(string messageText) =>
        JsonSerializer.Deserialize(Json(messageText), EventsJsonContext.Default.EventEnvelope)
        ?? throw new InvalidOperationException("null envelope");

    /// <summary>Each event of the envelope as its own raw JSON text, with its id.</summary>
    public static IReadOnlyList<(string Id, string Json)> RawEvents(string messageText)
    {
        using var document = JsonDocument.Parse(Json(messageText));
        return [.. document.RootElement.GetProperty("events").EnumerateArray()
            .Select(e => (e.GetProperty("id").GetString()!, e.GetRawText()))];
    }
}
