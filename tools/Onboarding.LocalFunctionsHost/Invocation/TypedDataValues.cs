using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Onboarding.LocalFunctionsHost.Rpc;

namespace Onboarding.LocalFunctionsHost.Invocation;

/// <summary>Values in the <see cref="TypedData"/> shapes the Functions host sends them.</summary>
public static class TypedDataValues
{
    public static TypedData String(string value) => new() { String = value };

    public static TypedData Json(string json) => new() { Json = json };

    public static TypedData Bytes(ReadOnlySpan<byte> value) => new() { Bytes = ByteString.CopyFrom(value) };

    /// <summary>A number as the host's Newtonsoft serialization writes it, typed <c>json</c>.</summary>
    public static TypedData JsonNumber(long value) => Json(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A date as Newtonsoft writes a DateTimeOffset (quoted ISO 8601, fractional seconds only when non-zero), typed <c>json</c>.</summary>
    public static TypedData JsonDate(DateTimeOffset value) => Json(JsonSerializer.Serialize(IsoDate(value), HostJsonOptions));

    /// <summary>Escapes only what JSON requires, as Newtonsoft does (System.Text.Json would write '+' as \u002B).</summary>
    public static readonly JsonSerializerOptions HostJsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string IsoDate(DateTimeOffset value) =>
        value.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
