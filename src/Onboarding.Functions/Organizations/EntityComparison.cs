using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Organizations;

/// <summary>Whether two entities would store the same values, so unchanged rows are not written.</summary>
internal static class EntityComparison
{
    public static bool SameValues(TableEntity? stored, TableEntity candidate)
    {
        if (stored is null || stored.Count != candidate.Count)
        {
            return false;
        }
        foreach (var (name, value) in candidate)
        {
            if (!stored.TryGetValue(name, out var existing) || !SameValue(existing, value))
            {
                return false;
            }
        }
        return true;
    }

    private static bool SameValue(object stored, object candidate) => (stored, candidate) switch
    {
        (DateTimeOffset a, DateTimeOffset b) => a.UtcTicks == b.UtcTicks,
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (int a, long b) => a == b,
        (long a, int b) => a == b,
        _ => stored.Equals(candidate),
    };
}
