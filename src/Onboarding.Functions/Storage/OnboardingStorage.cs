namespace Onboarding.Functions.Storage;

/// <summary>The tables this app keeps its state in (its queues are the <see cref="ITriggerQueue"/>s); docs/architecture.md, "Storage", says what each holds.</summary>
public static class OnboardingStorage
{
    /// <summary>Per organization: profile rows, events, sample data (PartitionKey = organization id).</summary>
    public const string OnboardingTable = "Onboarding";

    /// <summary>Expiry index read by the nightly purge (PartitionKey = expiry day yyyyMMdd, RowKey = organization id).</summary>
    public const string SampleDataExpiryTable = "SampleDataExpiry";

    /// <summary>Cross-organization analytics projection (PartitionKey = yyyyMMdd-{shard}, shard from a stable hash of the organization's pseudonym).</summary>
    public const string DailyTable = "OnboardingDaily";

    /// <summary>The most actions one entity-group transaction may hold.</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>Changes whose events may not be projected yet (PartitionKey = minute yyyyMMddHHmm, RowKey = {orgId}|{commitId}).</summary>
    public const string PendingProjectionsTable = "PendingProjections";

    /// <summary>One summary of analytics tallies per closed day (PartitionKey = yyyyMMdd, RowKey = part|{n}).</summary>
    public const string DailySummaryTable = "OnboardingDailySummary";

    /// <summary>Organizations whose wizard is in progress, newest start first (PartitionKey = wizard, RowKey = {inverted start ticks}|{orgId}).</summary>
    public const string InProgressWizardsTable = "InProgressWizards";

    /// <summary>Every organization twice, by sign-up and by completion (PartitionKey = signup or completion, RowKey = {sort key}|{orgId}).</summary>
    public const string OrganizationsIndexTable = "OrganizationsIndex";

    /// <summary>Each organization's variant of each experiment, by pseudonym (PartitionKey = experiment, RowKey = organization key).</summary>
    public const string ExperimentAssignmentsTable = "ExperimentAssignments";

    /// <summary>Webhook subscriptions (PartitionKey = subscription, RowKey = subscription id).</summary>
    public const string WebhookSubscriptionsTable = "WebhookSubscriptions";

    /// <summary>Each subscription's delivery log (PartitionKey = subscription id, RowKey = delivery id).</summary>
    public const string WebhookDeliveriesTable = "WebhookDeliveries";

    /// <summary>Stalls already published to webhook subscribers (PartitionKey = stall, RowKey = {orgId}|{wizard start ticks}).</summary>
    public const string WebhookStallNoticesTable = "WebhookStallNotices";

    public static IReadOnlyList<string> Tables { get; } =
    [
        OnboardingTable, SampleDataExpiryTable, DailyTable, PendingProjectionsTable, DailySummaryTable, InProgressWizardsTable,
        OrganizationsIndexTable, WebhookSubscriptionsTable, WebhookDeliveriesTable, WebhookStallNoticesTable, ExperimentAssignmentsTable,
    ];
}
