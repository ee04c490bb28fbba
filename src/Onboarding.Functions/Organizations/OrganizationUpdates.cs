using Azure.Data.Tables;
using Onboarding.Domain;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;
using Onboarding.Functions.Catalog;

namespace Onboarding.Functions.Organizations;

/// <summary>The result of applying a rule to an organization.</summary>
public sealed record UpdateOutcome(OrganizationSnapshot Snapshot, IReadOnlyList<OnboardingEvent> Events, DomainError? Error = null, bool PreconditionFailed = false)
{
    public bool Succeeded => Error is null && !PreconditionFailed;

    /// <summary>The catalog version the organization is on after the change (the one the rule ran with, unless it moved it).</summary>
    public OnboardingCatalog Catalog { get; init; } = null!;
}

/// <summary>
/// Applies a domain rule to an organization through the <see cref="OrganizationCommitter"/>: run the rule
/// over its profile rows with the progress it makes, plan the change (<see cref="OrganizationChanges"/>), commit
/// rows and events in one ETag-guarded transaction; then project the events.
/// </summary>
public sealed class OrganizationUpdates(
    OrganizationStore store,
    OrganizationCommitter committer,
    OrganizationLocks locks,
    CatalogVersions catalogs,
    OrganizationChanges changes,
    TimeProvider clock)
{
    private const int MaxAttempts = 8;

    /// <summary>A rule over the organization and its catalog version (pinned, or the current one for an organization not pinned yet).</summary>
    public delegate DomainResult<OnboardingChange> Rule(OrganizationOnboarding onboarding, OnboardingCatalog catalog, DateTimeOffset now);

    /// <summary>An attempt's outcome with the plan that committed it (none when nothing was written).</summary>
    private sealed record Decided(UpdateOutcome Outcome, ChangePlan? Plan = null);

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
        var decided = await committer.CommitAsync(organizationId, null, before => Decide(before, versions, rule, ifMatch, alongside ?? []), new CommitPolicy<Decided>(MaxAttempts,
            StopOnConflict: (_, attempt, before) =>
                ifMatch is not null ? new Decided(new UpdateOutcome(before, [], PreconditionFailed: true))
                : attempt >= MaxAttempts ? new Decided(new UpdateOutcome(before, [], new ConflictError("concurrent_update",
                    $"The organization kept changing while this request was applied ({MaxAttempts} attempts); retry it.")))
                : null), cancellationToken);
        if (decided.Plan is { } plan)
        {
            await changes.AfterCommitAsync([plan], decided.Outcome.Events, ProjectionFailure.LeaveToTheSweep, cancellationToken);
        }
        return decided.Outcome with { Catalog = versions.For(decided.Outcome.Snapshot.Onboarding) };
    }

    /// <summary>One attempt: the rule over what was read, with the progress it makes, as the plan that stores it.</summary>
    private CommitDecision<Decided> Decide(OrganizationSnapshot before, CatalogSet versions, Rule rule, IfMatch? ifMatch, IReadOnlyList<TableEntity> alongside)
    {
        if (ifMatch is not null && !ifMatch.Matches(before))
        {
            return new CommitDecision<Decided>.Answer(new Decided(new UpdateOutcome(before, [], PreconditionFailed: true)));
        }
        var now = clock.GetUtcNow();
        var result = rule(before.Onboarding, versions.For(before.Onboarding), now);
        if (!result.Succeeded)
        {
            return new CommitDecision<Decided>.Answer(new Decided(new UpdateOutcome(before, [], result.Error)));
        }
        // A rule may move the organization to another version (an upgrade): progress is recorded with the version it is on then.
        var change = OnboardingPipeline.Complete(result.Value!, versions.For(result.Value!.After), now);
        change = change with { After = change.After.PinnedTo(versions.CurrentVersion) };
        IReadOnlyList<TableTransactionAction> actions =
            [.. store.PlanCommit(before, change.After, change.Events), .. alongside.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row))];
        // Every event of an HTTP change is made here, so all of them are derived: none comes back with a redelivery.
        var plan = changes.Plan(before.Onboarding, change.After, change.Events, derived: change.Events, actions);
        return new CommitDecision<Decided>.Write(plan, after => new Decided(new UpdateOutcome(after, change.Events), plan));
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
}
