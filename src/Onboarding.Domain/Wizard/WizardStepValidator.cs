using System.Globalization;
using System.Text;
using System.Text.Json;
using Onboarding.Domain.Catalog;

namespace Onboarding.Domain.Wizard;

/// <summary>
/// Checks one step's data against its catalog field rules and returns it in canonical form: only the
/// catalog's fields, in catalog order, strings trimmed. Every problem is reported per field.
/// </summary>
public static class WizardStepValidator
{
    /// <summary>The most a step's data may weigh, as compact UTF-8 JSON.</summary>
    public const int MaxDataBytes = 8 * 1024;

    /// <summary>The key for problems with the data as a whole rather than one field.</summary>
    public const string WholeData = "$";

    private static readonly string[] LocalDateTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    public static DomainResult<string> Validate(WizardStepDefinition step, JsonElement data, ITimeZoneDirectory timeZones)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string problem) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(problem);

        if (data.ValueKind != JsonValueKind.Object)
        {
            Add(WholeData, "Step data must be a JSON object.");
            return Failed(errors);
        }
        var size = Encoding.UTF8.GetByteCount(data.GetRawText());
        if (size > MaxDataBytes)
        {
            Add(WholeData, $"Step data is {size} bytes; the limit is {MaxDataBytes}.");
            return Failed(errors);
        }

        foreach (var property in data.EnumerateObject())
        {
            if (step.Field(property.Name) is null)
            {
                Add(property.Name, $"Unknown field for step {step.Number} ({step.Key}); allowed: {string.Join(", ", step.Fields.Select(f => f.Name))}.");
            }
        }

        var canonical = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var rule in step.Fields)
        {
            if (!data.TryGetProperty(rule.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (rule.Required)
                {
                    Add(rule.Name, "Required.");
                }
                continue;
            }
            if (CheckValue(rule, value, timeZones, out var normalized) is { } problem)
            {
                Add(rule.Name, problem);
            }
            else
            {
                canonical[rule.Name] = normalized!;
            }
        }
        return errors.Count > 0 ? Failed(errors) : JsonSerializer.Serialize(canonical);
    }

    private static string? CheckValue(FieldRule rule, JsonElement value, ITimeZoneDirectory timeZones, out object? normalized)
    {
        normalized = null;
        switch (rule.Type)
        {
            case FieldType.String:
                if (value.ValueKind != JsonValueKind.String)
                {
                    return "Must be a string.";
                }
                var text = value.GetString()!.Trim();
                if (text.Length < (rule.MinLength ?? 0))
                {
                    return rule.MinLength == 1 ? "Must not be empty." : $"Must be at least {rule.MinLength} characters.";
                }
                if (text.Length > rule.MaxLength)
                {
                    return $"Must be at most {rule.MaxLength} characters (it is {text.Length}).";
                }
                if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
                {
                    return "Must not contain control characters.";
                }
                normalized = text;
                return null;
            case FieldType.Integer:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
                {
                    return "Must be a whole number.";
                }
                if (number < rule.Min || number > rule.Max)
                {
                    return $"Must be from {rule.Min} to {rule.Max}.";
                }
                normalized = number;
                return null;
            case FieldType.Boolean:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return "Must be true or false.";
                }
                normalized = value.GetBoolean();
                return null;
            case FieldType.Choice:
                if (value.ValueKind != JsonValueKind.String || !rule.Choices!.Contains(value.GetString()!))
                {
                    return $"Must be one of: {string.Join(", ", rule.Choices!)}.";
                }
                normalized = value.GetString()!;
                return null;
            case FieldType.TimeZone:
                if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 and <= 64 } zone || timeZones.FindIana(zone) is null)
                {
                    return "Must be an IANA time zone such as Europe/Berlin or America/New_York.";
                }
                normalized = zone;
                return null;
            case FieldType.LocalDateTime:
                if (value.ValueKind != JsonValueKind.String
                    || !DateTime.TryParseExact(value.GetString(), LocalDateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                {
                    return "Must be a local date and time without offset, such as 2026-03-14T10:00.";
                }
                normalized = local.ToString(local.Second == 0 ? LocalDateTimeFormats[0] : LocalDateTimeFormats[1], CultureInfo.InvariantCulture);
                return null;
            default:
                return "Unsupported field type.";
        }
    }

    private static ValidationFailed Failed(Dictionary<string, List<string>> errors) =>
        new(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
