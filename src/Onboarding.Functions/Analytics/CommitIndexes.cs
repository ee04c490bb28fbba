using Onboarding.Domain.Events;
using Onboarding.Domain.State;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.Analytics;

/// <summary>What one organization change does to the indexes the commit path keeps.</summary>
public sealed record IndexPlan(InProgressChange? InProgress, OrganizationsIndexChange? Organizations) : HookPlan
{
    /// <summary>Whether rows must be written before the change commits (index rows come first).</summary>
    public override bool WritesBeforeCommit => InProgress?.Add is not null || Organizations?.Add is not null;
}

/// <summary>
/// The indexes every change to an organization keeps (HTTP changes and queue ingestion alike): the in-progress index the
/// stalled list reads and the organizations index of <c>GET /analytics/organizations</c>. Each plans over the organization
/// before and after the change; new rows are written before the commit, old ones removed after it, both indexes at once.
/// </summary>
public sealed class CommitIndexes(InProgressWizards inProgress, OrganizationsIndex organizations) : IOrganizationChangeHook
{
    public HookPlan? Plan(OrganizationOnboarding before, OrganizationOnboarding after, IReadOnlyList<OnboardingEvent> events)
    {
        var plan = new IndexPlan(InProgressWizards.Plan(before, after, events), organizations.Plan(before, after));
        return plan.InProgress is null && plan.Organizations is null ? null : plan;
    }

    public async Task BeforeCommitAsync(HookPlan plan, CancellationToken cancellationToken)
    {
        var indexes = (IndexPlan)plan;
        await Task.WhenAll(
            indexes.InProgress is { } wizard ? inProgress.BeforeCommitAsync(wizard, cancellationToken) : Task.CompletedTask,
            indexes.Organizations is { } organization ? organizations.BeforeCommitAsync(organization, cancellationToken) : Task.CompletedTask);
    }

    public async Task AfterCommitAsync(HookPlan plan, CancellationToken cancellationToken)
    {
        var indexes = (IndexPlan)plan;
        await Task.WhenAll(
            indexes.InProgress is { } wizard ? inProgress.AfterCommitAsync(wizard, cancellationToken) : Task.CompletedTask,
            indexes.Organizations is { } organization ? organizations.AfterCommitAsync(organization, cancellationToken) : Task.CompletedTask);
    }
}
