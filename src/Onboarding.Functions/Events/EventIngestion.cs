using Microsoft.Extensions.Options;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;
using Onboarding.Functions.Catalog;
using Onboarding.Functions.Erasure;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Telemetry;

namespace Onboarding.Functions.Events;

/// <summary>What storing a batch of events did.</summary>
public sealed record IngestionResult(int Stored, int Duplicates, int ProgressEvents, int Erased = 0)
{
    public static IngestionResult operator +(IngestionResult a, IngestionResult b) =>
        new(a.Stored + b.Stored, a.Duplicates + b.Duplicates, a.ProgressEvents + b.ProgressEvents, a.Erased + b.Erased);

    public static IngestionResult None { get; } = new(0, 0, 0);
}

/// <summary>
/// Stores validated events in their organizations' partitions: each transaction holds the
/// <c>event|{id}</c> rows, the activity counters they move and the progress they make (checklist
/// tasks, feature unlocks), so a redelivered event is refused by its existing row and nothing is
/// counted twice; <c>organization_created</c> starts the organization's onboarding. Each transaction is planned and
/// finished like an HTTP change (<see cref="OrganizationChanges"/>), the events all chunks stored projected once at the end. An <c>organization_deleted</c> event is not
/// stored: it erases the organization (<see cref="OrganizationErasure"/>), and only the organization's events
/// that come after the last one in the message are stored, as a fresh start.
/// </summary>
public sealed class EventIngestion(
    OrganizationStore store,
    OrganizationCommitter committer,
    OrganizationLocks locks,
    CatalogVersions catalogs,
    OrganizationChanges changes,
    ProfileCache cache,
    OrganizationErasure erasure,
    IOptions<ErasureOptions> erasureOptions,
    OnboardingMetrics metrics,
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
        var plans = new List<ChangePlan>();
        var result = IngestionResult.None;
        var started = clock.GetTimestamp();
        using (await locks.AcquireAsync(organizationId, cancellationToken))
        {
            var next = 0;
            var chunkSize = MaxEventsPerTransaction;
            // What this instance last committed for the organization, or nothing for its first message: no read either way.
            var snapshot = cache.Get(organizationId, startsTheOrganization: events[0].Type == OnboardingEventTypes.OrganizationCreated);
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
                    plans.Add(commit.Plan);
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
        }
        metrics.IngestionPhase("commit", clock.GetElapsedTime(started));
        var projecting = clock.GetTimestamp();
        // The message's events come back with its redelivery (then as duplicates, projected again); the progress they made has pending rows.
        await changes.AfterCommitAsync(plans, toProject, ProjectionFailure.FailTheMessage, cancellationToken);
        metrics.IngestionPhase("projection", clock.GetElapsedTime(projecting));
        return result;
    }

    /// <summary>What committing one chunk did, and the organization as it stands afterwards.</summary>
    private sealed record ChunkCommit(
        List<OnboardingEvent> Committed, List<OnboardingEvent> Duplicates, List<OnboardingEvent> Progress, int Fitted, OrganizationSnapshot After, ChangePlan Plan);

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
            // The carried events come back with a redelivery; the progress they make exists only in this transaction.
            var plan = changes.Plan(snapshot.Onboarding, fitted.Change.After, fitted.Change.Events, derived: progress, fitted.Actions);
            return new CommitDecision<ChunkCommit>.Write(plan, after => new ChunkCommit(committed, duplicated, progress, fitted.Taken, after, plan));
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
