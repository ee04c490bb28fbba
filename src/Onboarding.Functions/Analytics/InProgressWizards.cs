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

/// <summary>A change to the index that one organization change makes: the row to write before it commits, the row to remove after.</summary>
public sealed record InProgressChange(string OrganizationId, DateTimeOffset? Add, DateTimeOffset? Remove);

/// <summary>One stalled wizard, as the index and the organization's state give it.</summary>
public sealed record StalledWizard(string OrganizationId, int? CurrentStep, DateTimeOffset StartedAt, DateTimeOffset? LastActivityAt);

/// <summary>
/// The <c>InProgressWizards</c> index: one row per organization whose wizard is started and neither completed nor
/// skipped, in one partition (<c>wizard</c>), RowKey <c>{DateTime.MaxValue.Ticks − start ticks, 19 digits}|{orgId}</c>,
/// so a query reads newest starts first and "started before" is a RowKey range. Maintained with every change
/// (<see cref="OrganizationUpdates"/>): a row is upserted before the change that starts a wizard commits (index rows
/// come first) and deleted after the change that ends or resets it. A row left behind (a crash, a lost race, an
/// erased organization) is dropped when it is read: every row read is checked against the organization's state.
/// </summary>
public sealed partial class InProgressWizards(
    TableServiceClient tables, OrganizationStore organizations, OnboardingCatalog catalog, IOptions<AnalyticsOptions> options, ILogger<InProgressWizards> logger)
{
    public const string Partition = "wizard";

    private TableClient Table => tables.GetTableClient(options.Value.InProgressWizardsTable);

    public static bool IsInProgress(WizardState wizard) => wizard is { IsStarted: true, IsCompleted: false, IsSkipped: false };

    public static string RowKey(DateTimeOffset startedAt, string organizationId) => $"{Inverted(startedAt)}|{organizationId}";

    private static string Inverted(DateTimeOffset at) => (DateTime.MaxValue.Ticks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>
    /// What a change from <paramref name="before"/> to <paramref name="after"/> does to the index; null when nothing.
    /// A wizard that stays in progress has its row written again when the change completed a step, so a wizard
    /// started before the index existed is indexed at its next step.
    /// </summary>
    public static InProgressChange? Plan(OrganizationOnboarding before, OrganizationOnboarding after, IReadOnlyList<OnboardingEvent> events)
    {
        DateTimeOffset? was = IsInProgress(before.State.Wizard) ? before.State.Wizard.StartedAt : null;
        DateTimeOffset? now = IsInProgress(after.State.Wizard) ? after.State.Wizard.StartedAt : null;
        if (was != now)
        {
            return new InProgressChange(after.OrganizationId, now, was);
        }
        return now is not null && events.Any(e => e.Type == OnboardingEventTypes.WizardStepCompleted)
            ? new InProgressChange(after.OrganizationId, now, null)
            : null;
    }

    /// <summary>Before the commit: the row of a wizard the change puts in progress (an upsert, so a repeat converges).</summary>
    public async Task BeforeCommitAsync(InProgressChange change, CancellationToken cancellationToken)
    {
        if (change.Add is { } startedAt)
        {
            await Table.UpsertEntityAsync(new TableEntity(Partition, RowKey(startedAt, change.OrganizationId))
            {
                ["OrganizationId"] = change.OrganizationId,
                ["StartedAt"] = startedAt,
            }, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>After the commit: removes the row of a wizard that is no longer in progress; a failure leaves it for the reader to drop.</summary>
    public async Task AfterCommitAsync(InProgressChange change, CancellationToken cancellationToken)
    {
        if (change.Remove is not { } startedAt)
        {
            return;
        }
        try
        {
            await DeleteAsync(RowKey(startedAt, change.OrganizationId), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            LogRemovalDeferred(e, change.OrganizationId);
        }
    }

    /// <summary>
    /// Removes every index row of <paramref name="organizationId"/> (for erasure). The index is keyed by start time,
    /// so this reads the index partition with a filter on the organization (one query, paged by the service).
    /// </summary>
    public async Task RemoveAsync(string organizationId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and OrganizationId eq {organizationId}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await DeleteAsync(row.RowKey, ETag.All, cancellationToken);
        }
    }

    /// <summary>
    /// Whether <paramref name="continuation"/> has the shape of the table service's continuation the SDK hands out
    /// for this index: the next partition (always <see cref="Partition"/>) and the next row key, each base64, a space between.
    /// </summary>
    public static bool IsContinuation(string continuation)
    {
        var parts = continuation.Split(' ');
        return parts.Length == 2
            && parts[0] == Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Partition))
            && parts[1].Length is > 0 and <= 1024
            && Convert.TryFromBase64String(parts[1], new byte[parts[1].Length], out _);
    }

    /// <summary>
    /// One page of wizards started before <paramref name="startedBefore"/>, newest start first: one index query for
    /// at most <paramref name="pageSize"/> rows, then one read of each row's organization. Rows whose organization is
    /// no longer in progress (or started again later) are deleted and left out, so a page may hold fewer.
    /// </summary>
    public async Task<(IReadOnlyList<StalledWizard> Items, string? ContinuationToken)> PageAsync(
        DateTimeOffset startedBefore, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {Inverted(startedBefore) + "|\uffff"}");
        Page<TableEntity>? page = null;
        await foreach (var first in Table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize))
        {
            page = first;
            break;
        }
        if (page is null)
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
        var wizard = snapshot.Onboarding.State.Wizard;
        if (!IsInProgress(wizard) || wizard.StartedAt != startedAt)
        {
            LogStaleRow(organizationId);
            await DeleteAsync(row.RowKey, row.ETag, cancellationToken);
            return null;
        }
        var lastActivity = snapshot.StoredRows.Values.Select(r => r.Timestamp).Max();
        return new StalledWizard(organizationId, wizard.CurrentStep(catalog.WizardStepCount), wizard.StartedAt!.Value, lastActivity);
    }

    private async Task DeleteAsync(string rowKey, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(Partition, rowKey, etag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Gone already, or written again meanwhile (then it is current): either way nothing to do.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "In-progress wizard index row of organization {OrganizationId} could not be removed after its change; the next read drops it")]
    private partial void LogRemovalDeferred(Exception exception, string organizationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped a stale in-progress wizard index row of organization {OrganizationId}")]
    private partial void LogStaleRow(string organizationId);
}
