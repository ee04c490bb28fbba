using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Events;

/// <summary>What storing a batch of events did.</summary>
public sealed record IngestionResult(int Stored, int Duplicates, int ProgressEvents)
{
    public static IngestionResult operator +(IngestionResult a, IngestionResult b) =>
        new(a.Stored + b.Stored, a.Duplicates + b.Duplicates, a.ProgressEvents + b.ProgressEvents);

    public static IngestionResult None { get; } = new(0, 0, 0);
}

/// <summary>
/// Stores validated events in their organizations' partitions: each transaction holds the
/// <c>event|{id}</c> rows, the activity counters they move and the progress they make (checklist
/// tasks, feature unlocks), so a redelivered event is refused by its existing row and nothing is
/// counted twice. Then projects them to the daily analytics table.
/// </summary>
public sealed partial class EventIngestion(
    OrganizationStore store,
    OrganizationLocks locks,
    OnboardingCatalog catalog,
    EventProjection projection,
    TimeProvider clock,
    ILogger<EventIngestion> logger)
{
    /// <summary>Room in a 100-action transaction for the activity and state rows.</summary>
    private const int MaxEventsPerTransaction = OnboardingStorage.MaxTransactionActions - 2;
    private const int MaxAttempts = 10;

    public async Task<IngestionResult> IngestAsync(IReadOnlyList<OnboardingEvent> events, CancellationToken cancellationToken)
    {
        var perOrganization = await Task.WhenAll(events
            .GroupBy(e => e.OrganizationId, StringComparer.Ordinal)
            .Select(group => IngestOrganizationAsync(group.Key, [.. group], cancellationToken)));
        return perOrganization.Aggregate(IngestionResult.None, (total, one) => total + one);
    }

    private async Task<IngestionResult> IngestOrganizationAsync(string organizationId, List<OnboardingEvent> events, CancellationToken cancellationToken)
    {
        var toProject = new List<OnboardingEvent>();
        var result = IngestionResult.None;
        using (await locks.AcquireAsync(organizationId, cancellationToken))
        {
            var next = 0;
            var chunkSize = MaxEventsPerTransaction;
            OrganizationSnapshot? snapshot = null;
            while (next < events.Count)
            {
                var chunk = events.GetRange(next, Math.Min(chunkSize, events.Count - next));
                var commit = await CommitChunkAsync(organizationId, chunk, snapshot, cancellationToken);
                next += commit.Fitted;
                chunkSize = commit.Fitted;
                // The next chunk starts from what this one wrote, guarded by the ETags it got back, instead of reading again.
                snapshot = commit.After;
                toProject.AddRange(commit.Committed);
                toProject.AddRange(commit.Progress);
                toProject.AddRange(commit.Duplicates);
                result += new IngestionResult(commit.Committed.Count, commit.Duplicates.Count, commit.Progress.Count);
            }
        }
        // After the commits: a failure here fails the message, and its redelivery projects the (then duplicate) events again.
        await projection.ProjectAsync(toProject, cancellationToken);
        return result;
    }

    /// <summary>What committing one chunk did, and the organization as it stands afterwards (null: read it again).</summary>
    private sealed record ChunkCommit(
        List<OnboardingEvent> Committed, List<OnboardingEvent> Duplicates, List<OnboardingEvent> Progress, int Fitted, OrganizationSnapshot? After);

    /// <summary>
    /// Commits as many leading events of <paramref name="chunk"/> as fit one transaction, over
    /// <paramref name="known"/> (what the previous chunk left) or a fresh read, retrying from a fresh read
    /// on concurrent changes and leaving out events that are already stored.
    /// </summary>
    private async Task<ChunkCommit> CommitChunkAsync(string organizationId, List<OnboardingEvent> chunk, OrganizationSnapshot? known, CancellationToken cancellationToken)
    {
        var alreadyStored = new Dictionary<string, OnboardingEvent>(StringComparer.Ordinal);
        var take = chunk.Count;
        var snapshot = known;
        for (var attempt = 1; ; attempt++)
        {
            var slice = chunk.GetRange(0, take);
            var candidates = slice.Where(e => !alreadyStored.ContainsKey(e.Id)).ToList();
            var duplicates = slice.Where(e => alreadyStored.ContainsKey(e.Id)).Select(e => alreadyStored[e.Id]).ToList();

            snapshot ??= await store.LoadAsync(organizationId, cancellationToken);
            var change = OnboardingPipeline.Complete(new OnboardingChange(snapshot.Onboarding, candidates), catalog, clock.GetUtcNow());
            var actions = store.PlanCommit(snapshot, change.After, change.Events);
            if (actions.Count > OnboardingStorage.MaxTransactionActions)
            {
                // The progress these events make needs rows too: take fewer events this time, over the same read.
                take = Math.Max(1, take - (actions.Count - OnboardingStorage.MaxTransactionActions));
                continue;
            }
            try
            {
                var etags = await store.CommitAsync(actions, cancellationToken);
                return new ChunkCommit(candidates, duplicates, [.. change.Events.Skip(candidates.Count)], take,
                    OrganizationStore.AfterCommit(snapshot, actions, etags));
            }
            catch (DuplicateEventException) when (attempt < MaxAttempts)
            {
                var stored = await store.StoredEventsAsync(organizationId, candidates.Select(e => e.Id), cancellationToken);
                LogDuplicates(organizationId, stored.Count);
                foreach (var e in stored)
                {
                    alreadyStored[e.Id] = e;
                }
                snapshot = null;
            }
            catch (ConcurrentChangeException e) when (attempt < MaxAttempts)
            {
                LogRetry(organizationId, attempt, e.Message);
                snapshot = null;
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25 * attempt)), clock, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Organization {OrganizationId}: {Count} events were already stored; skipped")]
    private partial void LogDuplicates(string organizationId, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Organization {OrganizationId} changed concurrently (attempt {Attempt}): {Reason}; retrying")]
    private partial void LogRetry(string organizationId, int attempt, string reason);
}
