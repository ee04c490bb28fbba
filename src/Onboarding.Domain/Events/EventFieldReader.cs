using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Onboarding.Domain.Events;

/// <summary>
/// Reads the fields of one JSON object against a fixed set of names, collecting a problem for every
/// unknown, repeated, missing or mistyped field instead of stopping at the first. A JSON <c>null</c>
/// on a field counts as absent.
/// </summary>
internal sealed class EventFieldReader
{
    private const int MaxEchoedNameLength = 64;

    private readonly Dictionary<string, JsonElement> fields = new(StringComparer.Ordinal);
    private readonly List<EventProblem> problems;
    private readonly string pathPrefix;

    private EventFieldReader(List<EventProblem> problems, string pathPrefix)
    {
        this.problems = problems;
        this.pathPrefix = pathPrefix;
    }

    /// <summary>A reader over <paramref name="json"/>, an object; unknown and repeated names are reported at once.</summary>
    public static EventFieldReader Open(JsonElement json, IReadOnlySet<string> knownNames, List<EventProblem> problems, string pathPrefix = "")
    {
        var reader = new EventFieldReader(problems, pathPrefix);
        foreach (var property in json.EnumerateObject())
        {
            if (!knownNames.Contains(property.Name))
            {
                reader.Problem(EchoableName(property.Name), "unknown field");
            }
            else if (!reader.fields.TryAdd(property.Name, property.Value))
            {
                reader.Problem(property.Name, "appears more than once");
            }
        }
        return reader;
    }

    /// <summary>
    /// A name from the input, safe to put in a problem that will be logged: contact details redacted, length capped.
    /// </summary>
    public static string EchoableName(string name)
    {
        var safe = ContactTextRedactor.Redact(name);
        return safe.Length <= MaxEchoedNameLength ? safe : string.Concat(safe.AsSpan(0, MaxEchoedNameLength), "…");
    }

    public void Problem(string field, string message) => problems.Add(new EventProblem(pathPrefix + field, message));

    /// <summary>Whether the field, or anything nested in it, already has a problem.</summary>
    public bool HasProblem(string field)
    {
        var path = pathPrefix + field;
        return problems.Any(p => p.Field == path || p.Field.StartsWith(path + ".", StringComparison.Ordinal) || p.Field.StartsWith(path + "[", StringComparison.Ordinal));
    }

    public bool IsPresent(string name) => TryGet(name, out _);

    public JsonElement? Optional(string name) => TryGet(name, out var value) ? value : null;

    public string? RequiredString(string name)
    {
        if (!TryGet(name, out var value))
        {
            Problem(name, "required");
            return null;
        }
        return StringValue(name, value);
    }

    public string? OptionalString(string name) => TryGet(name, out var value) ? StringValue(name, value) : null;

    /// <summary>A JSON integer from <paramref name="min"/> to <paramref name="max"/>; <c>2.0</c> is not one.</summary>
    public int? OptionalWholeNumber(string name, int min, int max)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
        {
            return number;
        }
        Problem(name, $"expected a whole number from {min} to {max}");
        return null;
    }

    public double? OptionalNonNegativeNumber(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) && number >= 0)
        {
            return number;
        }
        Problem(name, "expected a finite number of at least 0");
        return null;
    }

    public bool OptionalBoolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return false;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        Problem(name, "expected true or false");
        return false;
    }

    public JsonElement? OptionalObject(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            return value;
        }
        Problem(name, "expected a JSON object");
        return null;
    }

    /// <summary>
    /// An object of at most <paramref name="maxBytes"/> as compact UTF-8 JSON (measured as sent, non-ASCII
    /// counted in UTF-8 bytes rather than as <c>\u</c> escapes), copied out of the document so it outlives it.
    /// </summary>
    public JsonObject? OptionalBoundedObject(string name, int maxBytes)
    {
        if (OptionalObject(name) is not { } value)
        {
            return null;
        }
        if (CompactUtf8Length(value) > maxBytes)
        {
            Problem(name, $"larger than {maxBytes} bytes as compact UTF-8 JSON");
            return null;
        }
        var problemsBefore = problems.Count;
        var copy = (JsonObject)Copy(value, pathPrefix + name)!;
        return problems.Count == problemsBefore ? copy : null;
    }

    private bool TryGet(string name, out JsonElement value) =>
        fields.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;

    private string? StringValue(string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }
        Problem(name, "expected a string");
        return null;
    }

    // JsonObject refuses repeated keys only when first enumerated; copying by hand reports them with their path.
    private JsonNode? Copy(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var copy = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    if (copy.ContainsKey(property.Name))
                    {
                        problems.Add(new EventProblem($"{path}.{EchoableName(property.Name)}", "appears more than once"));
                        continue;
                    }
                    copy[property.Name] = Copy(property.Value, $"{path}.{EchoableName(property.Name)}");
                }
                return copy;
            case JsonValueKind.Array:
                return new JsonArray([.. element.EnumerateArray().Select((item, i) => Copy(item, $"{path}[{i}]"))]);
            default:
                return JsonValue.Create(element.Clone());
        }
    }

    private static long CompactUtf8Length(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            element.WriteTo(writer);
        }
        return buffer.WrittenCount;
    }
}
