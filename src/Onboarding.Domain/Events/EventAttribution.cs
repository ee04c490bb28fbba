using System.Text.RegularExpressions;
using Onboarding.Domain.Privacy;

namespace Onboarding.Domain.Events;

/// <summary>Who an event is attributed to beyond its organization: a pseudonymous user and an experiment's variant.</summary>
internal sealed record Attribution(string? UserKey, string? Experiment, string? Variant);

/// <summary>
/// Reads the optional <c>userId</c> (the product's opaque user id, replaced here by its keyed pseudonym and never kept),
/// <c>userKey</c> (a pseudonym already made: what the tracking endpoint queues and the export writes) and
/// <c>experiment</c> with <c>variant</c> (short identifiers, both or neither).
/// </summary>
internal static partial class EventAttribution
{
    public const int MaxIdentifierLength = 40;

    public static Attribution Read(EventFieldReader read, Pseudonyms? pseudonyms)
    {
        var userKey = UserKey(read, pseudonyms);
        var experiment = Identifier(read, "experiment");
        var variant = Identifier(read, "variant");
        if ((experiment is null) != (variant is null) && !read.HasProblem("experiment") && !read.HasProblem("variant"))
        {
            read.Problem(experiment is null ? "experiment" : "variant", "experiment and variant come together");
        }
        return new Attribution(userKey, experiment, variant);
    }

    private static string? UserKey(EventFieldReader read, Pseudonyms? pseudonyms)
    {
        if (read.IsPresent("userId") && read.IsPresent("userKey"))
        {
            read.Problem("userKey", "send either userId or userKey, not both");
            return null;
        }
        if (read.OptionalString("userKey") is { } userKey)
        {
            if (Pseudonyms.IsPseudonym(userKey))
            {
                return userKey;
            }
            read.Problem("userKey", "expected a pseudonym: 32 lowercase hex digits");
            return null;
        }
        if (read.OptionalString("userId") is not { } userId)
        {
            return null;
        }
        if (userId.Length is 0 or > Pseudonyms.MaxUserIdLength)
        {
            read.Problem("userId", $"expected 1 to {Pseudonyms.MaxUserIdLength} characters");
            return null;
        }
        if (pseudonyms is null)
        {
            read.Problem("userId", "this reader has no pseudonym key, so it cannot accept a user id");
            return null;
        }
        return pseudonyms.User(userId);
    }

    private static string? Identifier(EventFieldReader read, string name)
    {
        var value = read.OptionalString(name);
        if (value is null || Shape().IsMatch(value))
        {
            return value;
        }
        read.Problem(name, $"expected 1 to {MaxIdentifierLength} letters, digits, '.', '_' or '-', starting with a letter or digit");
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}\z")]
    private static partial Regex Shape();
}
