using System.Globalization;
using System.Text;
using System.Text.Json;
using Onboarding.LocalFunctionsHost.Invocation;
using Onboarding.LocalFunctionsHost.Rpc;

namespace Onboarding.LocalFunctionsHost.Queues;

/// <summary>
/// The binding data the Functions host adds from a JSON-object trigger value (H <c>Utility.ApplyBindingData</c>): each
/// top-level property but arrays and nulls, <b>replacing</b> an entry of the same name (names compare case-insensitively,
/// so a body's <c>"id"</c> replaces the message's <c>Id</c>); objects go as <c>json</c>, every other value as a
/// <c>string</c> in Newtonsoft's invariant text (<c>true</c> → <c>True</c>, <c>1.50</c> → <c>1.5</c>).
/// </summary>
public static class MessageBindingData
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Apply(string text, IDictionary<string, TypedData> metadata)
    {
        var trimmed = text.Trim();
        if (!(trimmed.StartsWith('{') && trimmed.EndsWith('}')))
        {
            return;
        }
        try
        {
            using var document = JsonDocument.Parse(trimmed);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                // A name or value that is not well-formed UTF-16 (an escaped lone surrogate) cannot travel over gRPC: left out.
                if (TryConvert(property, out var name, out var value) && IsWellFormed(name))
                {
                    metadata[name] = value!;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: no extra binding data, as the host ignores a body it cannot parse.
        }
    }

    private static bool TryConvert(JsonProperty property, out string name, out TypedData? value)
    {
        (name, value) = ("", null);
        try
        {
            name = property.Name;
            var element = property.Value;
            value = element.ValueKind switch
            {
                JsonValueKind.Array or JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.Object => TypedDataValues.Json(JsonSerializer.Serialize(element, TypedDataValues.HostJsonOptions)),
                JsonValueKind.String => IsWellFormed(element.GetString()!) ? TypedDataValues.String(element.GetString()!) : null,
                JsonValueKind.True => TypedDataValues.String(bool.TrueString),
                JsonValueKind.False => TypedDataValues.String(bool.FalseString),
                _ => TypedDataValues.String(NumberText(element)),
            };
            return value is not null;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // Newtonsoft reads integers as Int64 (BigInteger beyond) and other numbers as Double, then converts them with the invariant culture.
    private static string NumberText(JsonElement number) =>
        number.TryGetInt64(out var integer) ? integer.ToString(CultureInfo.InvariantCulture)
        : IsInteger(number.GetRawText()) ? System.Numerics.BigInteger.Parse(number.GetRawText(), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
        : number.GetDouble().ToString("R", CultureInfo.InvariantCulture);

    private static bool IsInteger(string raw) => raw.All(character => char.IsAsciiDigit(character) || character == '-');

    private static bool IsWellFormed(string text)
    {
        try
        {
            StrictUtf8.GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
