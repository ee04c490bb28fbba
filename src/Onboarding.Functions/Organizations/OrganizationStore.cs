using System.Collections.Immutable;
using Azure;
using Azure.Data.Tables;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Organizations;

/// <summary>Another writer changed the organization between our read and our commit.</summary>
public sealed class ConcurrentChangeException(string message, Exception inner) : Exception(message, inner);

/// <summary>Events with these ids are already stored in the organization's partition.</summary>
public sealed class DuplicateEventException(IReadOnlyList<string> eventIds, Exception inner)
    : Exception($"Event(s) already stored: {string.Join(", ", eventIds)}", inner)
{
    public IReadOnlyList<string> EventIds { get; } = eventIds;
}

/// <summary>
/// Reads and writes one organization's partition of the <c>Onboarding</c> table: the profile rows in
/// one range query, and a change (its rows and its events) in one entity-group transaction.
/// </summary>
public sealed class OrganizationStore(TableServiceClient tables, TimeProvider clock)
{
    private TableClient Table => tables.GetTableClient(OnboardingStorage.OnboardingTable);

    public async Task<OrganizationSnapshot> LoadAsync(string organizationId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {organizationId} and RowKey ge {ProfileRows.ProfilePrefix} and RowKey lt {ProfileRows.ProfileUpperBound}");
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows[row.RowKey] = row;
        }
        return Snapshot(organizationId, rows);
    }

    /// <summary>
    /// What <see cref="LoadAsync"/> would read right after <paramref name="actions"/> (planned over
    /// <paramref name="before"/>) committed and returned <paramref name="etags"/>: the rows read, replaced by
    /// the rows written with their new ETags. Null when a written row came back without an ETag; read again then.
    /// </summary>
    public static OrganizationSnapshot? AfterCommit(OrganizationSnapshot before, IReadOnlyList<TableTransactionAction> actions, IReadOnlyDictionary<string, ETag> etags)
    {
        var rows = new Dictionary<string, TableEntity>(before.StoredRows, StringComparer.Ordinal);
        foreach (var action in actions.Where(a => a.Entity.RowKey.StartsWith(ProfileRows.ProfilePrefix, StringComparison.Ordinal)))
        {
            if (!etags.TryGetValue(action.Entity.RowKey, out var etag))
            {
                return null;
            }
            var written = new TableEntity(action.Entity.PartitionKey, action.Entity.RowKey) { ETag = etag };
            foreach (var (name, value) in (TableEntity)action.Entity)
            {
                written[name] = value;
            }
            rows[written.RowKey] = written;
        }
        return Snapshot(before.Onboarding.OrganizationId, rows);
    }

    private static OrganizationSnapshot Snapshot(string organizationId, Dictionary<string, TableEntity> rows)
    {
        var tutorials = rows.Values
            .Where(r => r.RowKey.StartsWith(ProfileRows.TutorialPrefix, StringComparison.Ordinal))
            .Select(TutorialEntityMapper.FromEntity)
            .ToImmutableSortedDictionary(t => t.TutorialId, t => t, StringComparer.Ordinal);
        var onboarding = new OrganizationOnboarding(
            organizationId,
            StateEntityMapper.FromEntity(rows.GetValueOrDefault(ProfileRows.State)),
            ActivityEntityMapper.FromEntity(rows.GetValueOrDefault(ProfileRows.Activity)),
            tutorials);
        return new OrganizationSnapshot(onboarding, rows);
    }

    /// <summary>The stored versions of those of <paramref name="eventIds"/> that are already in the organization's partition.</summary>
    public async Task<IReadOnlyList<OnboardingEvent>> StoredEventsAsync(string organizationId, IEnumerable<string> eventIds, CancellationToken cancellationToken)
    {
        var reads = await Task.WhenAll(eventIds.Select(id =>
            Table.GetEntityIfExistsAsync<TableEntity>(organizationId, ProfileRows.Event(id), cancellationToken: cancellationToken)));
        return [.. reads.Where(r => r.HasValue).Select(r => EventEntityMapper.FromOrganizationRow(r.Value!))];
    }

    /// <summary>The actions that store <paramref name="after"/> and <paramref name="events"/> over what <paramref name="before"/> read.</summary>
    public IReadOnlyList<TableTransactionAction> PlanCommit(OrganizationSnapshot before, OrganizationOnboarding after, IReadOnlyList<OnboardingEvent> events)
    {
        var organizationId = before.Onboarding.OrganizationId;
        var rows = new List<TableEntity> { StateEntityMapper.ToEntity(organizationId, after.State), ActivityEntityMapper.ToEntity(organizationId, after.Activity) };
        rows.AddRange(after.Tutorials.Values.Select(t => TutorialEntityMapper.ToEntity(organizationId, t)));

        var actions = new List<TableTransactionAction>();
        foreach (var row in rows)
        {
            var stored = before.StoredRows.GetValueOrDefault(row.RowKey);
            if (stored is null && row.RowKey == ProfileRows.State && after.State == OnboardingState.NotStarted)
            {
                continue;
            }
            if (!EntityComparison.SameValues(stored, row))
            {
                actions.Add(stored is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, row)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, stored.ETag));
            }
        }
        var recordedAt = clock.GetUtcNow();
        actions.AddRange(events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, EventEntityMapper.ToOrganizationRow(e, recordedAt))));
        return actions;
    }

    /// <summary>
    /// Commits the planned actions atomically. Throws <see cref="ConcurrentChangeException"/> when a
    /// profile row changed since it was read, <see cref="DuplicateEventException"/> when an event id is
    /// already stored. Returns the new ETag of each written row.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ETag>> CommitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
        {
            return new Dictionary<string, ETag>();
        }
        try
        {
            var responses = (await Table.SubmitTransactionAsync(actions, cancellationToken)).Value;
            return actions.Zip(responses)
                .Where(pair => pair.Second.Headers.ETag is not null)
                .ToDictionary(pair => pair.First.Entity.RowKey, pair => pair.Second.Headers.ETag!.Value, StringComparer.Ordinal);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            var failed = e.FailedTransactionActionIndex is { } index && index < actions.Count ? actions[index].Entity.RowKey : null;
            if (failed is not null && failed.StartsWith(ProfileRows.EventPrefix, StringComparison.Ordinal) && e.Status == 409)
            {
                throw new DuplicateEventException([failed[ProfileRows.EventPrefix.Length..]], e);
            }
            throw new ConcurrentChangeException($"Row '{failed ?? "?"}' changed concurrently ({e.Status} {e.ErrorCode}).", e);
        }
    }
}
