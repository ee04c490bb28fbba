using Azure.Data.Tables;
using Onboarding.Domain;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;

namespace Onboarding.Functions.Organizations;

/// <summary>The result of applying a rule to an organization.</summary>
public sealed record UpdateOutcome(OrganizationSnapshot Snapshot, IReadOnlyList<OnboardingEvent> Events, DomainError? Error = null, bool PreconditionFailed = false)
{
    public bool Succeeded => Error is null && !PreconditionFailed;
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
    OnboardingCatalog catalog,
    OrganizationChanges changes,
    TimeProvider clock)
{
    private const int MaxAttempts = 8;

    public delegate DomainResult<OnboardingChange> Rule(OrganizationOnboarding onboarding, DateTimeOffset now);

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
        using var _ = await locks.AcquireAsync(organizationId, cancellationToken);
        var decided = await committer.CommitAsync(organizationId, null, before => Decide(before, rule, ifMatch, alongside ?? []), new CommitPolicy<Decided>(MaxAttempts,
            StopOnConflict: (_, attempt, before) =>
                ifMatch is not null ? new Decided(new UpdateOutcome(before, [], PreconditionFailed: true))
                : attempt >= MaxAttempts ? new Decided(new UpdateOutcome(before, [], new ConflictError("concurrent_update",
                    $"The organization kept changing while this request was applied ({MaxAttempts} attempts); retry it.")))
                : null), cancellationToken);
        if (decided.Plan is { } plan)
        {
            await changes.AfterCommitAsync([plan], decided.Outcome.Events, ProjectionFailure.LeaveToTheSweep, cancellationToken);
        }
        return decided.Outcome;
    }

    /// <summary>One attempt: the rule over what was read, with the progress it makes, as the plan that stores it.</summary>
    private CommitDecision<Decided> Decide(OrganizationSnapshot before, Rule rule, IfMatch? ifMatch, IReadOnlyList<TableEntity> alongside)
    {
        if (ifMatch is not null && !ifMatch.Matches(before))
        {
            return new CommitDecision<Decided>.Answer(new Decided(new UpdateOutcome(before, [], PreconditionFailed: true)));
        }
        var now = clock.GetUtcNow();
        var result = rule(before.Onboarding, now);
        if (!result.Succeeded)
        {
            return new CommitDecision<Decided>.Answer(new Decided(new UpdateOutcome(before, [], result.Error)));
        }
        var change = OnboardingPipeline.Complete(result.Value!, catalog, now);
        IReadOnlyList<TableTransactionAction> actions =
            [.. store.PlanCommit(before, change.After, change.Events), .. alongside.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row))];
        // Every event of an HTTP change is made here, so all of them are derived: none comes back with a redelivery.
        var plan = changes.Plan(before.Onboarding, change.After, change.Events, derived: change.Events, actions);
        return new CommitDecision<Decided>.Write(plan, after => new Decided(new UpdateOutcome(after, change.Events), plan));
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
}
