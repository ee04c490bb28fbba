using Azure;
using Azure.Data.Tables;
using Onboarding.Domain.Events;
using Onboarding.Domain.Webhooks;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Erasure;

/// <summary>Where an organization's erasure stands.</summary>
public enum ErasureStatus
{
    /// <summary>Nothing is held for the organization (erased, or never seen).</summary>
    Completed,

    /// <summary>An erasure began and has not finished: a DELETE, or the queued continuation, finishes it.</summary>
    InProgress,

    /// <summary>Data is held and no erasure was asked for.</summary>
    NotRequested,
}

/// <summary>
/// Erases everything held for one organization, resumably. In this order, every step idempotent:
/// <list type="number">
/// <item>the marker row <c>erasure|state</c> in the organization's partition (the erasure is in progress while it exists;
/// it records which erasers are done and where the running one stopped);</item>
/// <item>every <see cref="IOrganizationDataEraser"/> (the daily projection, the pending projections, the sample-data
/// expiry index, and whatever else is registered): derived and index rows, found through the partition, which is still whole;</item>
/// <item>the partition itself, page by page, all rows but <c>profile|state</c> and the marker; then <c>profile|state</c>;
/// then the marker, last.</item>
/// </list>
/// An attempt that runs out of its time budget, fails or is killed leaves the marker and enough of the partition
/// for the next attempt to finish the job. Writers of the organization in this instance wait (its lock); an erasure
/// concurrent with writes from another instance may leave what they write after it (the product sends
/// <c>organization_deleted</c> once the organization is gone, so nothing should be writing).
/// </summary>
public sealed partial class OrganizationErasure(
    TableServiceClient tables,
    IEnumerable<IOrganizationDataEraser> erasers,
    OrganizationLocks locks,
    ProfileCache cache,
    EventsQueue queue,
    Webhooks.WebhookOutbox webhooks,
    TimeProvider clock,
    ILogger<OrganizationErasure> logger)
{
    public const string MarkerRowKey = "erasure|state";
    private const string StepColumn = "ErasersDone";
    private const string CheckpointColumn = "Checkpoint";

    private TableClient Organizations => tables.GetTableClient(OnboardingStorage.OnboardingTable);

    /// <summary>Runs (or resumes) the erasure for at most about <paramref name="budget"/>; true when nothing is left.</summary>
    public async Task<bool> RunAsync(string organizationId, TimeSpan budget, CancellationToken cancellationToken)
    {
        using var _ = await locks.AcquireAsync(organizationId, cancellationToken);
        // Ingestion's copy of the rows about to go: the next event for the organization reads it afresh.
        cache.Forget(organizationId);
        var deadline = clock.GetUtcNow() + budget;
        bool OutOfTime() => clock.GetUtcNow() >= deadline;

        var marker = await ReadAsync(organizationId, MarkerRowKey, cancellationToken);
        if (marker is null)
        {
            if (!await AnyRowAsync(organizationId, cancellationToken))
            {
                return true;
            }
            marker = new TableEntity(organizationId, MarkerRowKey) { ["StartedAt"] = clock.GetUtcNow(), [StepColumn] = 0 };
            await Organizations.UpsertEntityAsync(marker, TableUpdateMode.Replace, cancellationToken);
            LogStarted(organizationId);
        }
        var done = marker.GetInt32(StepColumn) ?? 0;
        var checkpoint = marker.GetString(CheckpointColumn);
        var state = await ReadAsync(organizationId, ProfileRows.State, cancellationToken);

        async Task SaveAsync(int step, string? at, CancellationToken ct)
        {
            marker[StepColumn] = step;
            if (at is null)
            {
                marker.Remove(CheckpointColumn);
            }
            else
            {
                marker[CheckpointColumn] = at;
            }
            await Organizations.UpsertEntityAsync(marker, TableUpdateMode.Replace, ct);
        }

        foreach (var (eraser, step) in erasers.Select((e, i) => (e, i)).Skip(done))
        {
            var context = new ErasureContext(organizationId, Organizations, state, checkpoint, (at, ct) => SaveAsync(step, at, ct), OutOfTime);
            if (!await eraser.EraseAsync(context, cancellationToken))
            {
                LogPaused(organizationId, eraser.Name);
                return false;
            }
            checkpoint = null;
            await SaveAsync(step + 1, null, cancellationToken);
            if (OutOfTime())
            {
                return false;
            }
        }

        if (!await DeletePartitionAsync(organizationId, OutOfTime, cancellationToken))
        {
            LogPaused(organizationId, "partition");
            return false;
        }
        await TableDeletes.DeleteOneAsync(Organizations, organizationId, ProfileRows.State, cancellationToken);
        // Before the marker goes: an attempt that dies here publishes again, with the same delivery ids.
        await webhooks.PublishAsync([WebhookMilestones.ErasedAt(organizationId, marker.GetDateTimeOffset("StartedAt") ?? clock.GetUtcNow())], cancellationToken);
        await TableDeletes.DeleteOneAsync(Organizations, organizationId, MarkerRowKey, cancellationToken);
        LogCompleted(organizationId);
        return true;
    }

    /// <summary>Where the organization's erasure stands, from its partition.</summary>
    public async Task<ErasureStatus> StatusAsync(string organizationId, CancellationToken cancellationToken) =>
        (await Organizations.GetEntityIfExistsAsync<TableEntity>(organizationId, MarkerRowKey, select: ["RowKey"], cancellationToken: cancellationToken)).HasValue
            ? ErasureStatus.InProgress
            : await AnyRowAsync(organizationId, cancellationToken) ? ErasureStatus.NotRequested : ErasureStatus.Completed;

    /// <summary>
    /// Has the queue function finish the erasure: an <c>organization_deleted</c> event for the organization on the
    /// events queue, which ingestion answers by running (resuming) the erasure. Its id is new each time.
    /// </summary>
    public Task ContinueInBackgroundAsync(string organizationId, IReadOnlyList<OnboardingEvent> after, CancellationToken cancellationToken)
    {
        var deleted = new OnboardingEvent($"erasure.{Guid.NewGuid():N}", organizationId, OnboardingEventTypes.OrganizationDeleted, clock.GetUtcNow());
        return queue.SendAsync(EventContract.ToBatchMessage([deleted, .. after]), cancellationToken);
    }

    private async Task<TableEntity?> ReadAsync(string organizationId, string rowKey, CancellationToken cancellationToken)
    {
        var read = await Organizations.GetEntityIfExistsAsync<TableEntity>(organizationId, rowKey, cancellationToken: cancellationToken);
        return read.HasValue ? read.Value : null;
    }

    private async Task<bool> AnyRowAsync(string organizationId, CancellationToken cancellationToken)
    {
        await foreach (var page in Organizations.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {organizationId}"),
            maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken).AsPages())
        {
            if (page.Values.Count > 0)
            {
                return true;
            }
            if (page.ContinuationToken is null)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>Every row of the partition except <c>profile|state</c> and the marker, 100 to a transaction.</summary>
    private async Task<bool> DeletePartitionAsync(string organizationId, Func<bool> outOfTime, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {organizationId} and RowKey ne {ProfileRows.State} and RowKey ne {MarkerRowKey}");
        while (true)
        {
            // Always the first page again: what the last transaction deleted is gone, so no continuation is needed.
            var page = await Organizations.QueryAsync<TableEntity>(filter, maxPerPage: OnboardingStorage.MaxTransactionActions, select: ["RowKey"], cancellationToken: cancellationToken)
                .AsPages().FirstOrDefaultAsync(cancellationToken);
            if (page is null || page.Values.Count == 0)
            {
                return true;
            }
            await TableDeletes.DeleteAsync(Organizations, organizationId, page.Values.Select(r => r.RowKey), cancellationToken);
            if (outOfTime())
            {
                return false;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure of organization {OrganizationId} started")]
    private partial void LogStarted(string organizationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure of organization {OrganizationId} paused at {Step} (time budget); it resumes on the next attempt")]
    private partial void LogPaused(string organizationId, string step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure of organization {OrganizationId} completed")]
    private partial void LogCompleted(string organizationId);
}
