using Azure;
using Azure.Data.Tables;
using Onboarding.Domain;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;
using Onboarding.Functions.Catalog;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Organizations;

/// <summary>The result of applying a rule to an organization.</summary>
public sealed record UpdateOutcome(OrganizationSnapshot Snapshot, IReadOnlyList<OnboardingEvent> Events, DomainError? Error = null, bool PreconditionFailed = false)
{
    /// <summary>The catalog version the organization is on after the change (the one the rule ran with, unless it moved it).</summary>
    public OnboardingCatalog Catalog { get; init; } = null!;

    public bool Succeeded => Error is null && !PreconditionFailed;
}

/// <summary>
/// Applies a domain rule to an organization through the <see cref="OrganizationCommitter"/>: run the rule
/// over its profile rows, record the events it causes and the progress they make, commit rows and events in
/// one ETag-guarded transaction; then project the events.
/// </summary>
public sealed partial class OrganizationUpdates(
    OrganizationStore store,
    OrganizationCommitter committer,
    OrganizationLocks locks,
    CatalogVersions catalogs,
    EventProjection projection,
    PendingProjections pendingProjections,
    Analytics.CommitIndexes indexes,
    TimeProvider clock,
    ILogger<OrganizationUpdates> logger)
{
    private const int MaxAttempts = 8;

    /// <summary>A rule over the organization and its catalog version (pinned, or the current one for an organization not pinned yet).</summary>
    public delegate DomainResult<OnboardingChange> Rule(OrganizationOnboarding onboarding, OnboardingCatalog catalog, DateTimeOffset now);

    /// <summary>
    /// Applies <paramref name="rule"/>. With <paramref name="ifMatch"/> (the ETag a client read), a stale
    /// read is not retried but answered as a failed precondition. <paramref name="alongside"/> are rows of the
    /// organization's partition written in the same transaction when the rule succeeds (upserted), and never otherwise.
    /// </summary>
    public async Task<UpdateOutcome> ApplyAsync(string organizationId, Rule rule, IfMatch? ifMatch, CancellationToken cancellationToken,
        IReadOnlyList<TableEntity>? alongside = null)
    {
        var versions = await catalogs.GetAsync(cancellationToken);
        using var _ = await locks.AcquireAsync(organizationId, cancellationToken);
        // The pending projection of the attempt that committed (each attempt plans its own).
        PendingProjection? pending = null;
        Analytics.IndexPlan? indexPlan = null;
        var outcome = await committer.CommitAsync(organizationId, null, before => Decide(before, versions, rule, ifMatch, alongside ?? [], planned => pending = planned, index => indexPlan = index), new CommitPolicy<UpdateOutcome>(MaxAttempts,
            StopOnConflict: (_, attempt, before) =>
                ifMatch is not null ? new UpdateOutcome(before, [], PreconditionFailed: true)
                : attempt >= MaxAttempts ? new UpdateOutcome(before, [], new ConflictError("concurrent_update",
                    $"The organization kept changing while this request was applied ({MaxAttempts} attempts); retry it."))
                : null), cancellationToken);
        if (outcome.Succeeded)
        {
            await ProjectAsync(pending, outcome.Events, cancellationToken);
            if (indexPlan is not null)
            {
                await indexes.AfterCommitAsync(indexPlan, cancellationToken);
            }
        }
        return outcome with { Catalog = versions.For(outcome.Snapshot.Onboarding) };
    }

    /// <summary>One attempt: the rule over what was read, with the progress it makes, as the actions that store it.</summary>
    private CommitDecision<UpdateOutcome> Decide(OrganizationSnapshot before, CatalogSet versions, Rule rule, IfMatch? ifMatch, IReadOnlyList<TableEntity> alongside, Action<PendingProjection?> planned,
        Action<Analytics.IndexPlan?> indexed)
    {
        if (ifMatch is not null && !ifMatch.Matches(before))
        {
            return new CommitDecision<UpdateOutcome>.Answer(new UpdateOutcome(before, [], PreconditionFailed: true));
        }
        var now = clock.GetUtcNow();
        var catalog = versions.For(before.Onboarding);
        var result = rule(before.Onboarding, catalog, now);
        if (!result.Succeeded)
        {
            return new CommitDecision<UpdateOutcome>.Answer(new UpdateOutcome(before, [], result.Error));
        }
        // A rule may move the organization to another version (an upgrade): progress is recorded with the version it is on then.
        var change = OnboardingPipeline.Complete(result.Value!, versions.For(result.Value!.After), now);
        change = change with { After = change.After.PinnedTo(versions.CurrentVersion) };
        // Recorded before the commit, so events that commit always reach the projection, even if writing it fails afterwards.
        var pending = change.Events.Count > 0 ? PendingProjections.Plan(before.Onboarding.OrganizationId, change.Events, now) : null;
        planned(pending);
        // The index rows come first too (the stalled list and the organizations list read them); removals follow the commit.
        var index = indexes.Plan(before.Onboarding, change.After, change.Events);
        indexed(index);
        IReadOnlyList<TableTransactionAction> actions =
            [.. store.PlanCommit(before, change.After, change.Events), .. alongside.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row))];
        return new CommitDecision<UpdateOutcome>.Write(actions, after => new UpdateOutcome(after, change.Events),
            pending is null && index?.WritesBeforeCommit != true ? null : async cancellationToken =>
            {
                if (pending is not null)
                {
                    await pendingProjections.RecordAsync(pending, cancellationToken);
                }
                if (index is not null)
                {
                    await indexes.BeforeCommitAsync(index, cancellationToken);
                }
            });
    }

    /// <summary>
    /// Reads an organization, recording any progress it has made since it was last written (e.g. a task now complete, or
    /// one a newly published version's criteria find met for an organization not pinned yet).
    /// </summary>
    public async Task<OrganizationSnapshot> ReadAsync(string organizationId, CancellationToken cancellationToken)
    {
        var versions = await catalogs.GetAsync(cancellationToken);
        var snapshot = await store.LoadAsync(organizationId, cancellationToken);
        var progress = OnboardingPipeline.Complete(OnboardingChange.None(snapshot.Onboarding), versions.For(snapshot.Onboarding), clock.GetUtcNow());
        if (progress.Events.Count == 0)
        {
            return snapshot;
        }
        // Something became complete since the last write: record it (exactly once, under the ETags).
        var outcome = await ApplyAsync(organizationId, (onboarding, _, _) => OnboardingChange.None(onboarding), null, cancellationToken);
        return outcome.Snapshot;
    }

    /// <summary>The catalog version of a snapshot <see cref="ReadAsync"/> gave (pinned, or the current one).</summary>
    public OnboardingCatalog CatalogOf(OrganizationSnapshot snapshot) => catalogs.Latest.For(snapshot.Onboarding);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily projection of {Count} committed events of organization {OrganizationId} failed; the pending-projection sweep will write them")]
    private partial void LogProjectionDeferred(Exception exception, int count, string organizationId);
}
