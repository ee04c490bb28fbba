namespace Onboarding.Functions.Storage;

/// <summary>The tables this app keeps its state in (the events queue is <c>Events.EventsQueue</c>) (see ARCHITECTURE.md, "Table layout").</summary>
public static class OnboardingStorage
{
    /// <summary>Per organization: profile rows, events, sample data (PartitionKey = organization id).</summary>
    public const string OnboardingTable = "Onboarding";

    /// <summary>Expiry index read by the nightly purge (PartitionKey = expiry day yyyyMMdd, RowKey = organization id).</summary>
    public const string SampleDataExpiryTable = "SampleDataExpiry";

    /// <summary>Cross-organization analytics projection (PartitionKey = day yyyyMMdd).</summary>
    public const string DailyTable = "OnboardingDaily";

    /// <summary>The most actions one entity-group transaction may hold.</summary>
    public const int MaxTransactionActions = 100;

    public static IReadOnlyList<string> Tables { get; } = [OnboardingTable, SampleDataExpiryTable, DailyTable];
}
