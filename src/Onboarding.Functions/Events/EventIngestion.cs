using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;
using Microsoft.Extensions.Options;
using Onboarding.Functions.Erasure;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Catalog;

namespace Onboarding.Functions.Events;

/// <summary>
/// What storing a batch of events did, and where its time went (summed over its organizations, which run
/// in parallel): <see cref="Committing"/> is reading the profile rows when not cached, deciding and the
/// transactions; <see cref="Projecting"/> the daily rows. <see cref="ProfileReads"/> counts organizations
/// whose rows were not in the cache.
/// </summary>
public sealed record IngestionResult(
    int Stored, int Duplicates, int ProgressEvents, int Erased = 0, TimeSpan Committing = default, TimeSpan Projecting = default, int ProfileReads = 0)
{
    public static IngestionResult operator +(IngestionResult a, IngestionResult b) => new(
        a.Stored + b.Stored, a.Duplicates + b.Duplicates, a.ProgressEvents + b.ProgressEvents, a.Erased + b.Erased,
        a.Committing + b.Committing, a.Projecting + b.Projecting, a.ProfileReads + b.ProfileReads);

    public static IngestionResult None { get; } = new(0, 0, 0);
}

/// <summary>
/// Stores validated events in their organizations' partitions: each transaction holds the
/// <c>event|{id}</c> rows, the activity counters they move and the progress they make (checklist
/// tasks, feature unlocks), so a redelivered event is refused by its existing row and nothing is
/// counted twice; <c>organization_created</c> starts the organization's onboarding. The index rows a change needs
/// come first, as on the HTTP path (<see cref="Analytics.CommitIndexes"/>). Then projects them to the daily analytics table. An <c>organization_deleted</c> event is not
/// stored: it erases the organization (<see cref="OrganizationErasure"/>), and only the organization's events
/// that come after the last one in the message are stored, as a fresh start.
/// </summary>
public sealed class EventIngestion(
    OrganizationStore store,
    OrganizationCommitter committer,
    OrganizationLocks locks,
    CatalogVersions catalogs,
    EventProjection projection,
    PendingProjections pendingProjections,
    ProfileCache cache,
    Analytics.CommitIndexes indexes,
    OrganizationErasure erasure,
    IOptions<ErasureOptions> erasureOptions,
    TimeProvider clock)
{
    /// <summary>Room in a 100-action transaction for the activity and state rows.</summary>
    private const int MaxEventsPerTransaction = OnboardingStorage.MaxTransactionActions - 2;
    private const int MaxAttempts = 10;

    public async Task<IngestionResult> IngestAsync(IReadOnlyList<OnboardingEvent> events, CancellationToken cancellationToken)
    {
        var perOrganization = await Task.WhenAll(events
            .GroupBy(e => e.OrganizationId, StringComparer.Ordinal)
            .Select(group => EraseThenIngestAsync(group.Key, [.. group], cancellationToken)));
        return perOrganization.Aggregate(IngestionResult.None, (total, one) => total + one);
    }

    /// <summary>
    /// With an <c>organization_deleted</c> among <paramref name="events"/>: erase the organization, then store only
    /// the events after the last deletion. An erasure that needs longer than the queue budget queues its own
    /// continuation (with those later events) and this message is done.
    /// </summary>
    private async Task<IngestionResult> EraseThenIngestAsync(string organizationId, List<OnboardingEvent> events, CancellationToken cancellationToken)
    {
        var lastDeletion = events.FindLastIndex(e => e.Type == OnboardingEventTypes.OrganizationDeleted);
        if (lastDeletion < 0)
        {
            return await IngestOrganizationAsync(organizationId, events, cancellationToken);
        }
        var after = events.GetRange(lastDeletion + 1, events.Count - lastDeletion - 1)
            .Where(e => e.Type != OnboardingEventTypes.OrganizationDeleted).ToList();
        if (!await erasure.RunAsync(organizationId, erasureOptions.Value.QueueBudget, cancellationToken))
        {
            await erasure.ContinueInBackgroundAsync(organizationId, after, cancellationToken);
            return new IngestionResult(0, 0, 0, Erased: 1);
        }
        var result = after.Count > 0 ? await IngestOrganizationAsync(organizationId, after, cancellationToken) : IngestionResult.None;
        return result with { Erased = 1 };
    }

    private async Task<IngestionResult> IngestOrganizationAsync(string organizationId, List<OnboardingEvent> events, CancellationToken cancellationToken)
    {
        var toProject = new List<OnboardingEvent>();
        var pending = new List<PendingProjection>();
        var indexChanges = new List<Analytics.IndexPlan>();
        var result = IngestionResult.None;
        var started = clock.GetTimestamp();
        using (await locks.AcquireAsync(organizationId, cancellationToken))
        {
            var next = 0;
            var chunkSize = MaxEventsPerTransaction;
            // What this instance last committed for the organization, if anything: no read when nobody else wrote since.
            var snapshot = cache.Get(organizationId);
            var profileReads = snapshot is null ? 1 : 0;
            try
            {
                while (next < events.Count)
                {
                    var chunk = events.GetRange(next, Math.Min(chunkSize, events.Count - next));
                    var commit = await CommitChunkAsync(organizationId, chunk, snapshot, await catalogs.GetAsync(cancellationToken), cancellationToken);
                    next += commit.Fitted;
                    chunkSize = commit.Fitted;
                    // The next chunk starts from what this one wrote, guarded by the ETags it got back, instead of reading again.
                    snapshot = commit.After;
                    toProject.AddRange(commit.Committed);
                    toProject.AddRange(commit.Progress);
                    toProject.AddRange(commit.Duplicates);
                    if (commit.Pending is not null)
                    {
                        pending.Add(commit.Pending);
                    }
                    if (commit.Index is not null)
                    {
                        indexChanges.Add(commit.Index);
                    }
                    result += new IngestionResult(commit.Committed.Count, commit.Duplicates.Count, commit.Progress.Count);
                }
            }
            catch
            {
                cache.Forget(organizationId);
                throw;
            }
            if (snapshot is not null)
            {
                cache.Set(organizationId, snapshot);
            }
            result = result with { ProfileReads = profileReads };
        }
        var committed = clock.GetTimestamp();
        // After the commits: a failure here fails the message, and its redelivery projects the (then duplicate) events again;
        // the progress they caused is not in the message, so its pending rows bring it to the projection (ProjectPendingEvents).
        await projection.ProjectAsync(toProject, cancellationToken);
        foreach (var done in pending)
        {
            await pendingProjections.RemoveAsync(done, cancellationToken);
        }
        foreach (var change in indexChanges)
        {
            await indexes.AfterCommitAsync(change, cancellationToken);
        }
        return result with { Committing = clock.GetElapsedTime(started, committed), Projecting = clock.GetElapsedTime(committed) };
    }

    /// <summary>What committing one chunk did, and the organization as it stands afterwards.</summary>
    private sealed record ChunkCommit(
        List<OnboardingEvent> Committed, List<OnboardingEvent> Duplicates, List<OnboardingEvent> Progress, int Fitted, OrganizationSnapshot After,
        PendingProjection? Pending, Analytics.IndexPlan? Index);

    /// <summary>
    /// Commits as many leading events of <paramref name="chunk"/> as fit one transaction, over
    /// <paramref name="known"/> (what the previous chunk left) or a fresh read, through the committer:
    /// a concurrent change is retried over a fresh read, and events already stored are left out.
    /// </summary>
    private Task<ChunkCommit> CommitChunkAsync(string organizationId, List<OnboardingEvent> chunk, OrganizationSnapshot? known, CatalogSet versions, CancellationToken cancellationToken)
    {
        var alreadyStored = new Dictionary<string, OnboardingEvent>(StringComparer.Ordinal);
        List<OnboardingEvent> candidates = [];

        CommitDecision<ChunkCommit> Decide(OrganizationSnapshot snapshot)
        {
            List<OnboardingEvent> duplicates = [];
            // The progress these events make needs rows too: fewer events are taken when they would not fit, over the same read.
            var fitted = FittedCommit.LargestFitting(chunk.Count, take =>
            {
                var slice = chunk.GetRange(0, take);
                candidates = [.. slice.Where(e => !alreadyStored.ContainsKey(e.Id))];
                duplicates = [.. slice.Where(e => alreadyStored.ContainsKey(e.Id)).Select(e => alreadyStored[e.Id])];
                var change = OnboardingPipeline.Complete(new OnboardingChange(snapshot.Onboarding, candidates), versions.For(snapshot.Onboarding), clock.GetUtcNow());
                change = change with { After = change.After.PinnedTo(versions.CurrentVersion) };
                return (change, store.PlanCommit(snapshot, change.After, change.Events));
            });
            var committed = candidates;
            var duplicated = duplicates;
            List<OnboardingEvent> progress = [.. fitted.Change.Events.Skip(committed.Count)];
            // Progress events exist only in this transaction: no redelivery brings them back, so they are recorded as pending first.
            var pending = progress.Count > 0 ? PendingProjections.Plan(organizationId, progress, clock.GetUtcNow()) : null;
            // A sign-up or progress moves the organization in the indexes: their rows come first, like the pending row.
            var index = indexes.Plan(snapshot.Onboarding, fitted.Change.After, fitted.Change.Events);
            return new CommitDecision<ChunkCommit>.Write(fitted.Actions,
                after => new ChunkCommit(committed, duplicated, progress, fitted.Taken, after, pending, index),
                pending is null && index?.WritesBeforeCommit != true ? null : async ct =>
                {
                    if (pending is not null)
                    {
                        await pendingProjections.RecordAsync(pending, ct);
                    }
                    if (index is not null)
                    {
                        await indexes.BeforeCommitAsync(index, ct);
                    }
                });
        }

        async Task LearnStoredAsync(DuplicateEventException _, CancellationToken ct)
        {
            foreach (var e in await store.StoredEventsAsync(organizationId, candidates.Select(e => e.Id), ct))
            {
                alreadyStored[e.Id] = e;
            }
        }

        return committer.CommitAsync(organizationId, known, Decide, new CommitPolicy<ChunkCommit>(MaxAttempts, OnDuplicates: LearnStoredAsync), cancellationToken);
    }
}
