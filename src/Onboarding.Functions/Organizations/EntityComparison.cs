using Azure.Data.Tables;

namespace Onboarding.Functions.Organizations;

/// <summary>Whether two entities would store the same values, so unchanged rows are not written.</summary>
internal static class EntityComparison
{
    /// <summary>Keys and service-maintained values the SDK keeps in a <see cref="TableEntity"/> beside the stored columns.</summary>
    private static readonly HashSet<string> SystemProperties = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp", "odata.etag" };

    public static bool SameValues(TableEntity? stored, TableEntity candidate)
    {
        if (stored is null || Columns(stored).Count() != Columns(candidate).Count())
        {
            return false;
        }
        foreach (var (name, value) in Columns(candidate))
        {
            if (!stored.TryGetValue(name, out var existing) || !SameValue(existing, value))
            {
                return false;
            }
        }
        return true;
    }

    private static IEnumerable<KeyValuePair<string, object>> Columns(TableEntity entity) =>
        entity.Where(p => !SystemProperties.Contains(p.Key));

    private static bool SameValue(object stored, object candidate) => (stored, candidate) switch
    {
        (DateTimeOffset a, DateTimeOffset b) => a.UtcTicks == b.UtcTicks,
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (BinaryData a, byte[] b) => a.ToMemory().Span.SequenceEqual(b),
        (int a, long b) => a == b,
        (long a, int b) => a == b,
        _ => stored.Equals(candidate),
    };
}
