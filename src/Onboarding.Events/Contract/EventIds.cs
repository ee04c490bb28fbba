using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Onboarding.Events;

/// <summary>
/// Event ids made by the producer. An id is what makes storage idempotent (unique per organization), so it
/// is fixed when the event is created and travels unchanged through every retry and redelivery.
/// </summary>
public static partial class EventIds
{
    public const int MaxLength = 100;

    /// <summary>A new time-ordered id (a version 7 UUID as 32 hex digits).</summary>
    public static string New() => Guid.CreateVersion7().ToString("N");

    /// <summary>
    /// An id derived from the producer's own key for the fact (a row key, an outbox id): the same key always
    /// gives the same id, so re-publishing after a crash cannot store the fact twice.
    /// </summary>
    public static string FromKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return "k-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 20);
    }

    /// <summary>Whether <paramref name="id"/> is a well-formed id: <c>[A-Za-z0-9][A-Za-z0-9._:-]{0,99}</c>.</summary>
    public static bool IsWellFormed(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}\z")]
    private static partial Regex Pattern();
}
