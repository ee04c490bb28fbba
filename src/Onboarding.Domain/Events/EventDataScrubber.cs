using System.Text.Json;
using System.Text.Json.Nodes;

namespace Onboarding.Domain.Events;

/// <summary>
/// Removes contact details from an event's <c>data</c>, at any depth, so none is ever stored:
/// <list type="bullet">
/// <item>a value under a contact-named key (<c>email</c>, <c>e_mail</c>, <c>userEmail</c>, <c>phone</c>,
/// <c>phoneNumber</c>, <c>mobile</c>, <c>tel</c>, <c>fax</c>, … in any casing) is replaced whole by a marker,
/// unless it is a boolean or null, which cannot hold one;</item>
/// <item>an e-mail address or phone number inside any other string is replaced by a marker
/// (see <see cref="ContactTextRedactor"/>);</item>
/// <item>a property whose name contains an e-mail address or phone number is dropped.</item>
/// </list>
/// Numbers are only replaced under contact-named keys. Scrubbing twice changes nothing more.
/// </summary>
public static class EventDataScrubber
{
    private static readonly HashSet<string> EmailWords = new(StringComparer.Ordinal) { "email", "emails", "mail" };

    private static readonly HashSet<string> PhoneWords = new(StringComparer.Ordinal)
    {
        "phone", "phones", "telephone", "tel", "mobile", "cell", "cellphone", "fax", "msisdn",
    };

    /// <summary>Scrubs <paramref name="data"/> in place and returns how many values were replaced or dropped.</summary>
    public static int Scrub(JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var redacted = 0;
        foreach (var (key, value) in data.ToList())
        {
            if (ContactTextRedactor.Redact(key) != key)
            {
                data.Remove(key);
                redacted++;
            }
            else if (ContactKeyMarker(key) is { } marker)
            {
                if (HoldsContactDetail(value, marker))
                {
                    data[key] = marker;
                    redacted++;
                }
            }
            else
            {
                redacted += ScrubValue(value, replacement => data[key] = replacement);
            }
        }
        return redacted;
    }

    private static int ScrubArray(JsonArray array)
    {
        var redacted = 0;
        for (var i = 0; i < array.Count; i++)
        {
            var index = i;
            redacted += ScrubValue(array[i], replacement => array[index] = replacement);
        }
        return redacted;
    }

    private static int ScrubValue(JsonNode? value, Action<JsonNode?> replace)
    {
        switch (value)
        {
            case JsonObject nested:
                return Scrub(nested);
            case JsonArray array:
                return ScrubArray(array);
            case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                var original = text.GetValue<string>();
                var clean = ContactTextRedactor.Redact(original);
                if (ReferenceEquals(clean, original))
                {
                    return 0;
                }
                replace(JsonValue.Create(clean));
                return 1;
            default:
                return 0;
        }
    }

    private static bool HoldsContactDetail(JsonNode? value, string marker) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False => false,
        JsonValueKind.String => value.GetValue<string>() is var text && text.Length > 0 && text != marker,
        _ => true,
    };

    /// <summary>The marker for a contact-named key (<c>userEmail</c>, <c>phone_number</c>, <c>TEL</c>), or null.</summary>
    private static string? ContactKeyMarker(string key)
    {
        var words = Words(key);
        var joined = string.Concat(words);
        var isEmail = words.Any(EmailWords.Contains)
            || words.Zip(words.Skip(1)).Any(pair => pair is ("e", "mail"))
            || joined.StartsWith("email", StringComparison.Ordinal)
            || joined.EndsWith("email", StringComparison.Ordinal)
            || joined.EndsWith("emailaddress", StringComparison.Ordinal);
        if (isEmail)
        {
            return ContactTextRedactor.EmailMarker;
        }
        var isPhone = words.Any(PhoneWords.Contains)
            || joined.StartsWith("phone", StringComparison.Ordinal)
            || joined.EndsWith("phone", StringComparison.Ordinal)
            || joined.EndsWith("phonenumber", StringComparison.Ordinal)
            || joined.EndsWith("mobilenumber", StringComparison.Ordinal);
        return isPhone ? ContactTextRedactor.PhoneMarker : null;
    }

    /// <summary>The lower-case words of a camelCase, PascalCase, snake_case, kebab-case or dotted key.</summary>
    private static List<string> Words(string key)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= key.Length; i++)
        {
            var boundary = i == key.Length
                || !char.IsLetterOrDigit(key[i])
                || (i > 0 && char.IsUpper(key[i]) && char.IsLower(key[i - 1]));
            if (boundary && start >= 0)
            {
                words.Add(key[start..i].ToLowerInvariant());
                start = -1;
            }
            if (i < key.Length && char.IsLetterOrDigit(key[i]) && start < 0)
            {
                start = i;
            }
        }
        return words;
    }
}
