using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;
using Onboarding.Domain.Wizard;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Analytics;

/// <summary>Where an organization stands in the index: its stage (the partition) and since when (sign-up or wizard start).</summary>
public sealed record StalledEntry(string Stage, DateTimeOffset Since);

/// <summary>A change to the index that one organization change makes: the row to write before it commits, the row to remove after.</summary>
public sealed record InProgressChange(string OrganizationId, StalledEntry? Add, StalledEntry? Remove);

/// <summary>
/// One stalled organization, as the index and its state give it: signed up and never opened the wizard
/// (<see cref="InProgressWizards.SignedUpPartition"/>, current step 0, <paramref name="StartedAt"/> = sign-up), or with its
/// wizard in progress (<see cref="InProgressWizards.Partition"/>, <paramref name="StartedAt"/> = the wizard's start).
/// </summary>
public sealed record StalledWizard(
    string OrganizationId, string Stage, int? CurrentStep, DateTimeOffset StartedAt, DateTimeOffset? SignedUpAt, DateTimeOffset? LastActivityAt);

/// <summary>
/// The <c>InProgressWizards</c> index of organizations whose onboarding is under way: one row per organization whose
/// wizard is started and neither completed nor skipped (partition <c>wizard</c>), or that signed up and has not opened
/// the wizard (partition <c>signed_up</c>), unless it dismissed its onboarding. RowKey
/// <c>{DateTime.MaxValue.Ticks − since ticks, 19 digits}|{orgId}</c>, so a query reads newest first and "since before" is
/// a RowKey range. Maintained with every change (<see cref="OrganizationUpdates"/>, queue ingestion): a row is upserted
/// before the change that puts the organization there commits (index rows come first) and deleted after the change
/// that moves it on. A row left behind (a crash, a lost race, an erased organization) is dropped when it is read:
/// every row read is checked against the organization's state.
/// </summary>
public sealed partial class InProgressWizards(
    TableServiceClient tables, OrganizationStore organizations, Catalog.CatalogVersions catalogs, IOptions<AnalyticsOptions> options, ILogger<InProgressWizards> logger)
{
    /// <summary>Wizards in progress.</summary>
    public const string Partition = "wizard";

    /// <summary>Organizations that signed up and have not opened the wizard.</summary>
    public const string SignedUpPartition = "signed_up";

    private TableClient Table => tables.GetTableClient(options.Value.InProgressWizardsTable);

    /// <summary>Every organization's row is in one of two partitions: the rows of changes made at the same time go together.</summary>
    private readonly GroupedRowWrites writes = new(tables.GetTableClient(options.Value.InProgressWizardsTable));

    public static bool IsInProgress(WizardState wizard) => wizard is { IsStarted: true, IsCompleted: false, IsSkipped: false };

    /// <summary>Where <paramref name="state"/> belongs in the index; null when nowhere (dismissed, wizard finished or skipped, never signed up nor started).</summary>
    public static StalledEntry? EntryOf(OnboardingState state) =>
        state.DismissedAt is not null ? null
        : IsInProgress(state.Wizard) ? new StalledEntry(Partition, state.Wizard.StartedAt!.Value)
        : !state.Wizard.IsStarted && state.SignedUpAt is { } signedUpAt ? new StalledEntry(SignedUpPartition, signedUpAt)
        : null;

    public static string RowKey(DateTimeOffset startedAt, string organizationId) => $"{Inverted(startedAt)}|{organizationId}";

    private static string Inverted(DateTimeOffset at) => (DateTime.MaxValue.Ticks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>
    /// What a change from <paramref name="before"/> to <paramref name="after"/> does to the index; null when nothing.
    /// An organization that stays where it is has its row written again when the change completed a step or reported
    /// its sign-up again, so one that got there before the index existed (or lost its row) is indexed then.
    /// </summary>
    public static InProgressChange? Plan(OrganizationOnboarding before, OrganizationOnboarding after, IReadOnlyList<OnboardingEvent> events)
    {
        var was = EntryOf(before.State);
        var now = EntryOf(after.State);
        if (was != now)
        {
            return new InProgressChange(after.OrganizationId, now, was);
        }
        var rewrite = now?.Stage == Partition ? OnboardingEventTypes.WizardStepCompleted : OnboardingEventTypes.OrganizationCreated;
        return now is not null && events.Any(e => e.Type == rewrite)
            ? new InProgressChange(after.OrganizationId, now, null)
            : null;
    }

    /// <summary>Before the commit: the row of a wizard the change puts in progress (an upsert, so a repeat converges).</summary>
    public async Task BeforeCommitAsync(InProgressChange change, CancellationToken cancellationToken)
    {
        if (change.Add is { } entry)
        {
            await writes.UpsertAsync(new TableEntity(entry.Stage, RowKey(entry.Since, change.OrganizationId))
            {
                ["OrganizationId"] = change.OrganizationId,
                ["StartedAt"] = entry.Since,
            }, cancellationToken);
        }
    }

    /// <summary>After the commit: removes the row of a wizard that is no longer in progress; a failure leaves it for the reader to drop.</summary>
    public async Task AfterCommitAsync(InProgressChange change, CancellationToken cancellationToken)
    {
        if (change.Remove is not { } entry)
        {
            return;
        }
        try
        {
            await writes.DeleteAsync(entry.Stage, RowKey(entry.Since, change.OrganizationId), cancellationToken);
        }
        catch (RequestFailedException e)
        {
            LogRemovalDeferred(e, change.OrganizationId);
        }
    }

    /// <summary>
    /// Removes every index row of <paramref name="organizationId"/> (for erasure). The index is keyed by time, so this
    /// reads both index partitions with a filter on the organization (one query, paged by the service).
    /// </summary>
    public Task RemoveAsync(string organizationId, CancellationToken cancellationToken) =>
        Table.DeleteWhereAsync(TableClient.CreateQueryFilter(
            $"(PartitionKey eq {SignedUpPartition} or PartitionKey eq {Partition}) and OrganizationId eq {organizationId}"), cancellationToken);

    /// <summary>
    /// Whether <paramref name="continuation"/> has the shape of the table service's continuation the SDK hands out
    /// for this index: the next partition (one of the two) and the next row key, each base64, a space between.
    /// </summary>
    public static bool IsContinuation(string continuation)
    {
        var parts = continuation.Split(' ');
        return parts.Length == 2
            && (parts[0] == Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Partition))
                || parts[0] == Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(SignedUpPartition)))
            && parts[1].Length is > 0 and <= 1024
            && Convert.TryFromBase64String(parts[1], new byte[parts[1].Length], out _);
    }

    /// <summary>One page of wizards in progress started before <paramref name="startedBefore"/> (the <c>wizard</c> stage only), newest start first.</summary>
    public Task<(IReadOnlyList<StalledWizard> Items, string? ContinuationToken)> PageAsync(
        DateTimeOffset startedBefore, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        PageAsync(startedBefore, Partition, pageSize, continuationToken, cancellationToken);

    /// <summary>
    /// One page of organizations of <paramref name="stage"/> (both when null: signed up first, then wizards) there since
    /// before <paramref name="startedBefore"/>, newest first: one index query for at most <paramref name="pageSize"/> rows,
    /// then one read of each row's organization. Rows whose organization is no longer there (or got there again later)
    /// are deleted and left out, so a page may hold fewer.
    /// </summary>
    public async Task<(IReadOnlyList<StalledWizard> Items, string? ContinuationToken)> PageAsync(
        DateTimeOffset startedBefore, string? stage, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var after = Inverted(startedBefore) + "|\uffff";
        var filter = stage is null
            ? TableClient.CreateQueryFilter($"(PartitionKey eq {SignedUpPartition} or PartitionKey eq {Partition}) and RowKey gt {after}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {stage} and RowKey gt {after}");
        if (await Table.OnePageAsync(filter, pageSize, continuationToken, cancellationToken) is not { } page)
        {
            return ([], null);
        }
        var checkedRows = await Task.WhenAll(page.Values.Select(row => CheckAsync(row, cancellationToken)));
        return ([.. checkedRows.OfType<StalledWizard>()], page.ContinuationToken);
    }

    private async Task<StalledWizard?> CheckAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var organizationId = row.GetString("OrganizationId") ?? row.RowKey[(row.RowKey.IndexOf('|') + 1)..];
        var startedAt = row.GetDateTimeOffset("StartedAt");
        var snapshot = await organizations.LoadAsync(organizationId, cancellationToken);
        var state = snapshot.Onboarding.State;
        if (EntryOf(state) is not { } entry || entry.Stage != row.PartitionKey || entry.Since != startedAt)
        {
            LogStaleRow(organizationId);
            await DeleteAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            return null;
        }
        var lastActivity = snapshot.StoredRows.Values.Select(r => r.Timestamp).Max();
        var currentStep = entry.Stage == SignedUpPartition ? 0 : state.Wizard.CurrentStep((await catalogs.GetAsync(cancellationToken)).For(snapshot.Onboarding).WizardStepCount);
        return new StalledWizard(organizationId, entry.Stage, currentStep, entry.Since, state.SignedUpAt, lastActivity);
    }

    private Task DeleteAsync(string partition, string rowKey, ETag etag, CancellationToken cancellationToken) =>
        Table.DeleteIfUnchangedAsync(partition, rowKey, etag, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "In-progress onboarding index row of organization {OrganizationId} could not be removed after its change; the next read drops it")]
    private partial void LogRemovalDeferred(Exception exception, string organizationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped a stale in-progress onboarding index row of organization {OrganizationId}")]
    private partial void LogStaleRow(string organizationId);
}
