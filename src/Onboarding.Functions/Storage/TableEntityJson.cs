using System.Globalization;
using System.Text.Json;
using Azure;

namespace Onboarding.Functions.Storage;

/// <summary>
/// The Table service's JSON entity format: values whose JSON type is ambiguous carry an
/// <c>Name@odata.type</c> annotation (Int64 as a string, Double, DateTime, Guid, Binary).
/// </summary>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";

    public static byte[] Serialize(TableEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, entity);
        }
        return buffer.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString("PartitionKey", entity.PartitionKey);
        writer.WriteString("RowKey", entity.RowKey);
        foreach (var (name, value) in entity)
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" || name.StartsWith("odata.", StringComparison.Ordinal))
            {
                continue;
            }
            WriteProperty(writer, name, value);
        }
        writer.WriteEndObject();
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteString(name, s);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case long l:
                writer.WriteString(name + TypeSuffix, "Edm.Int64");
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                writer.WriteString(name + TypeSuffix, "Edm.Double");
                if (double.IsFinite(d))
                {
                    writer.WriteNumber(name, d);
                }
                else
                {
                    writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }
                break;
            case DateTimeOffset d:
                WriteDateTime(writer, name, d);
                break;
            case DateTime d:
                WriteDateTime(writer, name, d.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(d, TimeSpan.Zero) : new DateTimeOffset(d));
                break;
            case Guid g:
                writer.WriteString(name + TypeSuffix, "Edm.Guid");
                writer.WriteString(name, g.ToString("D"));
                break;
            case byte[] bytes:
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                writer.WriteBase64String(name, bytes);
                break;
            case BinaryData data:
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                writer.WriteBase64String(name, data.ToMemory().Span);
                break;
            default:
                throw new ArgumentException($"Property '{name}' has type {value.GetType().Name}, which a table cannot store.");
        }
    }

    private static void WriteDateTime(Utf8JsonWriter writer, string name, DateTimeOffset value)
    {
        writer.WriteString(name + TypeSuffix, "Edm.DateTime");
        writer.WriteString(name, FormatDateTime(value));
    }

    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static TableEntity Read(JsonElement json)
    {
        var entity = new TableEntity();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            if (property.Name.EndsWith(TypeSuffix, StringComparison.Ordinal))
            {
                types[property.Name[..^TypeSuffix.Length]] = property.Value.GetString() ?? string.Empty;
            }
        }

        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            switch (name)
            {
                case "PartitionKey":
                    entity.PartitionKey = value.GetString() ?? string.Empty;
                    continue;
                case "RowKey":
                    entity.RowKey = value.GetString() ?? string.Empty;
                    continue;
                case "Timestamp":
                    entity.Timestamp = ParseDateTime(value.GetString());
                    continue;
                case "odata.etag":
                    entity.ETag = new ETag(value.GetString()!);
                    continue;
            }
            if (name.EndsWith(TypeSuffix, StringComparison.Ordinal) || name.StartsWith("odata.", StringComparison.Ordinal)
                || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }
            entity[name] = ReadValue(value, types.GetValueOrDefault(name));
        }
        return entity;
    }

    private static object ReadValue(JsonElement value, string? edmType) => edmType switch
    {
        "Edm.Int64" => value.ValueKind == JsonValueKind.String
            ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture)
            : value.GetInt64(),
        "Edm.Double" => value.ValueKind == JsonValueKind.String
            ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture)
            : value.GetDouble(),
        "Edm.DateTime" => ParseDateTime(value.GetString()),
        "Edm.Guid" => Guid.Parse(value.GetString()!),
        "Edm.Binary" => value.GetBytesFromBase64(),
        "Edm.Int32" => value.GetInt32(),
        "Edm.Boolean" => value.GetBoolean(),
        "Edm.String" => value.GetString()!,
        _ => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetInt32(out var i) && !value.GetRawText().Contains('.') => i,
            JsonValueKind.Number => value.GetDouble(),
            _ => value.GetRawText(),
        },
    };

    private static DateTimeOffset ParseDateTime(string? text) =>
        DateTimeOffset.Parse(text ?? string.Empty, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
