using Azure;
using Azure.Data.Tables;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;
using Onboarding.Functions.Telemetry;

namespace Onboarding.Functions.Organizations;

/// <summary>
/// The work around every change's transaction, the same on both paths that change organizations (HTTP changes and queue
/// ingestion): <see cref="Plan"/> makes the change's <see cref="ChangePlan"/>; the committer runs
/// <see cref="BeforeCommitAsync"/> (the pending row, the hooks' rows); after the commit <see cref="AfterCommitAsync"/>
/// projects the events, then removes the pending rows and runs the hooks' clean-up. The one documented difference between
/// the paths is what a failed projection does (see <see cref="ProjectionFailure"/>).
/// </summary>
public sealed partial class OrganizationChanges(
    PendingProjections pendingProjections,
    EventProjection projection,
    IEnumerable<IOrganizationChangeHook> hooks,
    OnboardingMetrics metrics,
    TimeProvider clock,
    ILogger<OrganizationChanges> logger)
{
    /// <summary>
    /// The plan of a change from <paramref name="before"/> to <paramref name="after"/> stored by <paramref name="actions"/>.
    /// <paramref name="derived"/> are the events the transaction makes itself (progress, the events of an HTTP change): they
    /// get a pending row, recorded before the commit, so they reach the projection even if this process stops after it.
    /// </summary>
    public ChangePlan Plan(OrganizationOnboarding before, OrganizationOnboarding after, IReadOnlyList<OnboardingEvent> events,
        IReadOnlyList<OnboardingEvent> derived, IReadOnlyList<TableTransactionAction> actions)
    {
        var now = clock.GetUtcNow();
        var pending = derived.Count > 0 ? PendingProjections.Plan(after.OrganizationId, derived, now) : null;
        var planned = hooks.Select(hook => hook.Plan(before, after, events) is { } plan ? new PlannedHook(hook, plan) : null).OfType<PlannedHook>().ToList();
        return new ChangePlan(actions, pending, planned, now);
    }

    public async Task BeforeCommitAsync(ChangePlan plan, CancellationToken cancellationToken) =>
        await Task.WhenAll(
            [
                plan.Pending is { } pending ? pendingProjections.RecordAsync(pending, cancellationToken) : Task.CompletedTask,
                .. plan.Hooks.Select(hook => hook.Hook.BeforeCommitAsync(hook.Plan, cancellationToken)),
            ]);

    /// <summary>
    /// After <paramref name="plans"/> committed: projects <paramref name="events"/> to the daily table, then removes the
    /// pending rows and runs the hooks' clean-up side by side (neither needs the other, both need the projection).
    /// </summary>
    public async Task AfterCommitAsync(IReadOnlyList<ChangePlan> plans, IReadOnlyCollection<OnboardingEvent> events, ProjectionFailure onFailure,
        CancellationToken cancellationToken)
    {
        var projected = await DeferrableAsync(async () =>
        {
            await projection.ProjectAsync(events, cancellationToken);
            if (events.Count > 0)
            {
                metrics.Projected("immediate", clock.GetUtcNow() - plans.Min(plan => plan.PlannedAt));
            }
        }, events, onFailure);
        var removals = projected
            ? DeferrableAsync(() => Task.WhenAll(plans.Select(plan => plan.Pending).OfType<PendingProjection>()
                .Select(pending => pendingProjections.RemoveAsync(pending, cancellationToken))), events, onFailure)
            : Task.FromResult(false);
        await Task.WhenAll(removals, CleanUpHooksAsync(plans, cancellationToken));
    }

    /// <summary>Runs <paramref name="work"/>; false when storage failed and <paramref name="onFailure"/> leaves the events to the sweep.</summary>
    private async Task<bool> DeferrableAsync(Func<Task> work, IReadOnlyCollection<OnboardingEvent> events, ProjectionFailure onFailure)
    {
        try
        {
            await work();
            return true;
        }
        catch (RequestFailedException e) when (onFailure == ProjectionFailure.LeaveToTheSweep)
        {
            LogProjectionDeferred(e, events.Count, events.First().OrganizationId);
            return false;
        }
    }

    private static async Task CleanUpHooksAsync(IReadOnlyList<ChangePlan> plans, CancellationToken cancellationToken)
    {
        foreach (var hook in plans.SelectMany(plan => plan.Hooks))
        {
            await hook.Hook.AfterCommitAsync(hook.Plan, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily projection of {Count} committed events of organization {OrganizationId} failed; the pending-projection sweep will write them")]
    private partial void LogProjectionDeferred(Exception exception, int count, string organizationId);
}

/// <summary>What a failed daily projection after a committed change does.</summary>
public enum ProjectionFailure
{
    /// <summary>
    /// HTTP changes: the change has committed and is answered; every event it made has a pending row, which
    /// <see cref="ProjectPendingEvents"/> projects later.
    /// </summary>
    LeaveToTheSweep,

    /// <summary>
    /// Queue ingestion: the message fails, and its redelivery projects the events it carries again (then duplicates); the
    /// progress they made has pending rows.
    /// </summary>
    FailTheMessage,
}
