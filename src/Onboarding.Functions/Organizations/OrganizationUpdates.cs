using Azure;
using Onboarding.Domain;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Organizations;

/// <summary>The result of applying a rule to an organization.</summary>
public sealed record UpdateOutcome(OrganizationSnapshot Snapshot, IReadOnlyList<OnboardingEvent> Events, DomainError? Error = null, bool PreconditionFailed = false)
{
    public bool Succeeded => Error is null && !PreconditionFailed;
}

/// <summary>
/// Applies a domain rule to an organization: read its profile rows, run the rule, record the events it
/// causes and the progress they make, and commit rows and events in one transaction guarded by
/// ETags, retrying from a fresh read when another writer got there first.
/// </summary>
public sealed partial class OrganizationUpdates(
    OrganizationStore store,
    OrganizationLocks locks,
    OnboardingCatalog catalog,
    EventProjection projection,
    PendingProjections pendingProjections,
    TimeProvider clock,
    ILogger<OrganizationUpdates> logger)
{
    private const int MaxAttempts = 8;

    public delegate DomainResult<OnboardingChange> Rule(OrganizationOnboarding onboarding, DateTimeOffset now);

    /// <summary>
    /// Applies <paramref name="rule"/>. With <paramref name="ifMatch"/> (the ETag a client read), a stale
    /// read is not retried but answered as a failed precondition.
    /// </summary>
    public async Task<UpdateOutcome> ApplyAsync(string organizationId, Rule rule, string? ifMatch, CancellationToken cancellationToken)
    {
        using var _ = await locks.AcquireAsync(organizationId, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var before = await store.LoadAsync(organizationId, cancellationToken);
            if (ifMatch is not null && !ETagMatches(ifMatch, before))
            {
                return new UpdateOutcome(before, [], PreconditionFailed: true);
            }
            var now = clock.GetUtcNow();
            var result = rule(before.Onboarding, now);
            if (!result.Succeeded)
            {
                return new UpdateOutcome(before, [], result.Error);
            }
            var change = OnboardingPipeline.Complete(result.Value!, catalog, now);
            var actions = store.PlanCommit(before, change.After, change.Events);
            // Recorded before the commit, so events that commit always reach the projection, even if it fails below.
            var pending = change.Events.Count > 0 ? await pendingProjections.RecordAsync(organizationId, change.Events, now, cancellationToken) : null;
            try
            {
                var etags = await store.CommitAsync(actions, cancellationToken);
                await ProjectAsync(pending, change.Events, cancellationToken);
                var after = OrganizationStore.AfterCommit(before, actions, etags) ?? await store.LoadAsync(organizationId, cancellationToken);
                return new UpdateOutcome(after, change.Events);
            }
            catch (ConcurrentChangeException e) when (ifMatch is null && attempt < MaxAttempts)
            {
                LogRetry(organizationId, attempt, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), clock, cancellationToken);
            }
            catch (ConcurrentChangeException) when (ifMatch is not null)
            {
                return new UpdateOutcome(before, [], PreconditionFailed: true);
            }
            catch (ConcurrentChangeException)
            {
                return new UpdateOutcome(before, [], new ConflictError("concurrent_update",
                    $"The organization kept changing while this request was applied ({MaxAttempts} attempts); retry it."));
            }
        }
    }

    /// <summary>Reads an organization, recording any progress it has made since it was last written (e.g. a task now complete).</summary>
    public async Task<OrganizationSnapshot> ReadAsync(string organizationId, CancellationToken cancellationToken)
    {
        var snapshot = await store.LoadAsync(organizationId, cancellationToken);
        var progress = OnboardingPipeline.Complete(OnboardingChange.None(snapshot.Onboarding), catalog, clock.GetUtcNow());
        if (progress.Events.Count == 0)
        {
            return snapshot;
        }
        // Something became complete since the last write: record it (exactly once, under the ETags).
        var outcome = await ApplyAsync(organizationId, (onboarding, _) => OnboardingChange.None(onboarding), null, cancellationToken);
        return outcome.Snapshot;
    }

    /// <summary>
    /// Writes committed events to the daily projection. The change has committed, so a failure here is not
    /// the caller's: the pending row stays and <see cref="ProjectPendingEvents"/> projects them later.
    /// </summary>
    private async Task ProjectAsync(PendingProjection? pending, IReadOnlyList<OnboardingEvent> events, CancellationToken cancellationToken)
    {
        if (pending is null)
        {
            return;
        }
        try
        {
            await projection.ProjectAsync(events, cancellationToken);
            await pendingProjections.RemoveAsync(pending, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            LogProjectionDeferred(e, events.Count, pending.OrganizationId);
        }
    }

    public static bool ETagMatches(string ifMatch, OrganizationSnapshot snapshot) =>
        ifMatch.Trim() == "*" ? snapshot.StateETag is not null : ifMatch.Trim() == snapshot.HttpETag;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Organization {OrganizationId} changed concurrently (attempt {Attempt}): {Reason}; retrying")]
    private partial void LogRetry(string organizationId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily projection of {Count} committed events of organization {OrganizationId} failed; the pending-projection sweep will write them")]
    private partial void LogProjectionDeferred(Exception exception, int count, string organizationId);
}
