using System.Text.Json.Serialization;

namespace Onboarding.Events.Wire;

/// <summary>
/// Source-generated serialization of the wire types. The default encoder is kept on purpose: it escapes
/// every non-ASCII and HTML-sensitive character, so a message is pure ASCII (its UTF-8 size is its length)
/// and safe inside the XML body the queue service takes.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventEnvelope))]
[JsonSerializable(typeof(EventWire))]
public sealed partial class EventsJsonContext : JsonSerializerContext;
