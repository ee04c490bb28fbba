namespace Onboarding.Domain.SampleData;

public enum SampleDataStatus
{
    None,
    Active,
    Cleared,
    Expired,
}

/// <summary>How many sample objects a generated data set holds, per activity counter they stand for.</summary>
public sealed record SampleDataCounts(IReadOnlyDictionary<string, int> ByCounter)
{
    public int Total => ByCounter.Values.Sum();

    public bool Equals(SampleDataCounts? other) =>
        other is not null && ByCounter.Count == other.ByCounter.Count
        && ByCounter.All(pair => other.ByCounter.TryGetValue(pair.Key, out var count) && count == pair.Value);

    public override int GetHashCode() => ByCounter.Aggregate(0, (hash, pair) => hash ^ HashCode.Combine(pair.Key, pair.Value));
}

/// <summary>The lifecycle of an organization's demo data: generated, then cleared by hand or expired by the purge.</summary>
public sealed record SampleDataState(
    SampleDataStatus Status,
    DateTimeOffset? GeneratedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? ClearedAt,
    DateTimeOffset? ExpiredAt,
    SampleDataCounts? Counts)
{
    public static SampleDataState None { get; } = new(SampleDataStatus.None, null, null, null, null, null);
}
