namespace Onboarding.Functions.Storage;

/// <summary>The tables and queues this app keeps its state in (see ARCHITECTURE.md, "Table layout").</summary>
public static class OnboardingStorage
{
    /// <summary>Per organization: profile rows, events, sample data (PartitionKey = organization id).</summary>
    public const string OnboardingTable = "Onboarding";

    /// <summary>Expiry index read by the nightly purge (PartitionKey = expiry day yyyyMMdd, RowKey = organization id).</summary>
    public const string SampleDataExpiryTable = "SampleDataExpiry";

    /// <summary>Cross-organization analytics projection (PartitionKey = day yyyyMMdd).</summary>
    public const string DailyTable = "OnboardingDaily";

    /// <summary>The queue product services and the tracking endpoint put events on.</summary>
    public const string EventsQueue = "onboarding-events";

    public const string EventsPoisonQueue = EventsQueue + "-poison";

    public static IReadOnlyList<string> Tables { get; } = [OnboardingTable, SampleDataExpiryTable, DailyTable];

    public static IReadOnlyList<string> Queues { get; } = [EventsQueue, EventsPoisonQueue];
}
