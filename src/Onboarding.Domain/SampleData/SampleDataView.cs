namespace Onboarding.Domain.SampleData;

/// <summary>The wire values of the sample-data status a <see cref="SampleDataView"/> shows.</summary>
public static class SampleDataStatusNames
{
    public const string None = "none";
    public const string Active = "active";
    public const string Cleared = "cleared";
    public const string Expired = "expired";
}

/// <summary>
/// The organization's sample data as the API shows it. <paramref name="Status"/> is <c>none</c>,
/// <c>active</c>, <c>cleared</c> or <c>expired</c>; an active set past its expiry already reads as
/// <c>expired</c>, with <paramref name="PurgePending"/> set until the nightly purge deletes it.
/// <paramref name="DaysUntilExpiry"/> (whole days, rounded up) is given only while the set is active.
/// <paramref name="Counts"/>: how many objects the set holds per activity counter; <paramref name="ItemCount"/>, in all.
/// </summary>
public sealed record SampleDataView(
    string Status,
    bool PurgePending,
    DateTimeOffset? GeneratedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? ClearedAt,
    DateTimeOffset? ExpiredAt,
    IReadOnlyDictionary<string, int>? Counts,
    int? ItemCount,
    int? DaysUntilExpiry)
{
    public static SampleDataView From(SampleDataState state, DateTimeOffset now)
    {
        var purgePending = SampleDataRules.IsDue(state, now);
        var status = purgePending ? SampleDataStatusNames.Expired : state.Status switch
        {
            SampleDataStatus.Active => SampleDataStatusNames.Active,
            SampleDataStatus.Cleared => SampleDataStatusNames.Cleared,
            SampleDataStatus.Expired => SampleDataStatusNames.Expired,
            _ => SampleDataStatusNames.None,
        };
        int? daysUntilExpiry = status == SampleDataStatusNames.Active && state.ExpiresAt is { } expiresAt
            ? (int)Math.Ceiling((expiresAt - now).TotalDays)
            : null;
        return new SampleDataView(status, purgePending, state.GeneratedAt, state.ExpiresAt, state.ClearedAt, state.ExpiredAt,
            state.Counts?.ByCounter, state.Counts?.Total, daysUntilExpiry);
    }
}
