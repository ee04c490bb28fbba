using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Onboarding.Domain.Privacy;

/// <summary>
/// Keyed pseudonyms (HMAC-SHA256 with a deployment secret, the first 16 bytes as 32 lowercase hex digits) of the ids
/// analytics must tell apart but never hold: users and organizations. Without the key a pseudonym cannot be linked
/// back to its id, not even by hashing candidate ids; another key gives another, unrelated pseudonym space. Users and
/// organizations are hashed under different labels, so the same text never gives the same pseudonym for both.
/// </summary>
public sealed partial class Pseudonyms
{
    /// <summary>The shortest key accepted: as long as the hash's output.</summary>
    public const int MinKeyBytes = 32;

    public const int MaxUserIdLength = 128;

    /// <summary>Organization pseudonyms kept at most; past that the memory starts over.</summary>
    public const int RememberedOrganizations = 10_000;

    private readonly byte[] key;

    /// <summary>
    /// Every event's projection row needs its organization's pseudonym (twice), and a message's events are mostly one
    /// organization's: an HMAC costs far more than a look-up.
    /// </summary>
    private readonly ConcurrentDictionary<string, string> organizations = new(StringComparer.Ordinal);

    public Pseudonyms(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"A pseudonym key has at least {MinKeyBytes} bytes.", nameof(key));
        }
        this.key = key.ToArray();
    }

    /// <summary>The pseudonym of the product's opaque user id.</summary>
    public string User(string userId) => Hash("user\n", userId);

    /// <summary>The pseudonym of an organization id, as analytics storage keys it.</summary>
    public string Organization(string organizationId)
    {
        if (organizations.TryGetValue(organizationId, out var known))
        {
            return known;
        }
        if (organizations.Count >= RememberedOrganizations)
        {
            organizations.Clear();
        }
        return organizations[organizationId] = Hash("organization\n", organizationId);
    }

    /// <summary>
    /// The pseudonym of one of an organization's events: producers' event ids may embed the organization's id
    /// (<c>snapshot-org-42-2026-03-14</c>), so analytics storage keys events by this instead.
    /// </summary>
    public string Event(string organizationId, string eventId) => Hash("event\n", organizationId + "\n" + eventId);

    /// <summary>Whether <paramref name="text"/> has the shape of a pseudonym (32 lowercase hex digits).</summary>
    public static bool IsPseudonym(string? text) => text is not null && Shape().IsMatch(text);

    private string Hash(string label, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(label + id), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    [GeneratedRegex(@"^[0-9a-f]{32}\z")]
    private static partial Regex Shape();
}
