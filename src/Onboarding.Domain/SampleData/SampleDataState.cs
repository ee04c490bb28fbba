namespace Onboarding.Domain.SampleData;

public enum SampleDataStatus
{
    None,
    Active,
    Cleared,
    Expired,
}

/// <summary>How many sample objects of each kind a generated data set holds.</summary>
public sealed record SampleDataCounts(int Events, int Teams, int Volunteers, int Assignments)
{
    public int Total => Events + Teams + Volunteers + Assignments;
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
