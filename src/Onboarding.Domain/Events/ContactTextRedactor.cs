using System.Text;
using System.Text.RegularExpressions;

namespace Onboarding.Domain.Events;

/// <summary>
/// Replaces e-mail addresses and phone numbers inside free text with fixed markers.
/// </summary>
/// <remarks>
/// Phone numbers are recognised by shape, not by dialling plans: a <c>+</c> followed by 7 to 15 digits
/// (separators allowed), or 7 to 15 digits in at least two groups joined by spaces, <c>-</c>, <c>.</c>,
/// <c>/</c> or a parenthesised area code. Not phone numbers: digit runs without separators (counts, ids,
/// epoch times), ISO and common national dates, times, UUIDs, digits glued to letters or underscores,
/// thousands groupings (<c>1 234 567</c>, <c>1.234.567</c>), decimals, dotted versions and IPv4
/// addresses, and ranges of two equally long ascending numbers (<c>2019-2024</c>).
/// </remarks>
public static partial class ContactTextRedactor
{
    public const string EmailMarker = "[redacted-email]";
    public const string PhoneMarker = "[redacted-phone]";

    private const int MinPhoneDigits = 7;
    private const int MaxPhoneDigits = 15;

    /// <summary>The text with every e-mail address and phone number replaced; the same instance when there was none.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return RedactPhoneNumbers(EmailAddress().Replace(text, EmailMarker));
    }

    private static string RedactPhoneNumbers(string text)
    {
        if (!text.Any(char.IsAsciiDigit))
        {
            return text;
        }
        // Dates, times and UUIDs are hidden behind letters first, so "2026-03-14 10:00" is never read as digit groups.
        var masked = text.ToCharArray();
        foreach (Match span in NotPhoneNumberSpans().Matches(text))
        {
            Array.Fill(masked, 'x', span.Index, span.Length);
        }
        var phoneNumbers = PhoneNumberCandidate().Matches(new string(masked)).Where(m => IsPhoneNumber(m.Value)).ToList();
        if (phoneNumbers.Count == 0)
        {
            return text;
        }
        var redacted = new StringBuilder(text.Length);
        var next = 0;
        foreach (var phoneNumber in phoneNumbers)
        {
            redacted.Append(text, next, phoneNumber.Index - next).Append(PhoneMarker);
            next = phoneNumber.Index + phoneNumber.Length;
        }
        return redacted.Append(text, next, text.Length - next).ToString();
    }

    private static bool IsPhoneNumber(string candidate)
    {
        var groups = DigitGroup().Matches(candidate).Select(m => m.Value).ToList();
        var digitCount = groups.Sum(g => g.Length);
        if (digitCount is < MinPhoneDigits or > MaxPhoneDigits)
        {
            return false;
        }
        if (candidate.StartsWith('+'))
        {
            return true;
        }
        if (groups.Count < 2)
        {
            return false; // an unseparated digit run is a count, an id or an epoch time far more often than a phone number
        }
        var separators = Separator().Matches(candidate).Select(m => m.Value).ToList();
        var singleSeparator = separators.Distinct().Count() == 1 && separators.Count == groups.Count - 1 ? separators[0] : null;
        return !(IsDottedNumber(groups, singleSeparator) || IsThousandsGrouping(groups, singleSeparator) || IsRange(groups, singleSeparator));
    }

    // 3.14159265, 120.0.6099.109, 192.168.100.200 (the groups are ASCII digits, so int.Parse cannot throw)
    private static bool IsDottedNumber(List<string> groups, string? separator) =>
        separator == "." && (groups.Count == 2
            || groups.Skip(1).Any(g => g.Length == 1)
            || (groups.Count == 4 && groups.All(g => g.Length <= 3 && int.Parse(g) <= 255)));

    // 1 234 567 and 1.234.567; this also leaves national formats shaped 3-3-3 (Spain's 612 345 678) alone.
    private static bool IsThousandsGrouping(List<string> groups, string? separator) =>
        separator is " " or "\u00A0" or "\u202F" or "." && groups[0].Length <= 3 && groups.Skip(1).All(g => g.Length == 3);

    // 2019-2024, 1000-2000
    private static bool IsRange(List<string> groups, string? separator) =>
        separator is "-" or "/" && groups.Count == 2 && groups[0].Length == groups[1].Length
            && string.CompareOrdinal(groups[0], groups[1]) < 0;

    [GeneratedRegex(@"[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.(?:\p{L}{2,}|xn--[\p{L}\p{N}-]+)",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex EmailAddress();

    [GeneratedRegex("""
        [0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}
        | (?<![0-9])[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T\x20][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?(?![0-9])
        | (?<![0-9])[0-9]{1,2}(?<sep>[./-])[0-9]{1,2}\k<sep>[0-9]{4}(?![0-9])
        | (?<![0-9])[0-9]{4}(?<sep>[./])[0-9]{1,2}\k<sep>[0-9]{1,2}(?![0-9])
        | (?<![0-9])[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?(?![0-9])
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex NotPhoneNumberSpans();

    // Digit groups joined by one separator each (or a parenthesised area code), not glued to a word,
    // an underscore or a joiner: "INV-555-1234" and "a1b2-555-1234" are ids, not numbers.
    [GeneratedRegex("""
        (?<![\p{L}\p{N}_+\-./])
        (?:\+[\x20\u00A0]?)?
        (?:\([0-9]{1,5}\)[\x20\u00A0-]?)?
        [0-9]{1,15}
        (?: (?:[\x20\u00A0\u202F\-./] | [\x20\u00A0]?\([0-9]{1,5}\)[\x20\u00A0-]?) [0-9]{1,15} )*
        (?![\p{L}\p{N}_]|[\-./][\p{L}\p{N}])
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex PhoneNumberCandidate();

    [GeneratedRegex(@"[0-9]+")]
    private static partial Regex DigitGroup();

    [GeneratedRegex(@"[^0-9+]+")]
    private static partial Regex Separator();
}
