using Onboarding.Domain.Events;
using Onboarding.Domain.State;

namespace Onboarding.Functions.Analytics;

/// <summary>What one organization change does to the indexes the commit path keeps.</summary>
public sealed record IndexPlan(InProgressChange? InProgress, OrganizationsIndexChange? Organizations)
{
    /// <summary>Whether rows must be written before the change commits (index rows come first).</summary>
    public bool WritesBeforeCommit => InProgress?.Add is not null || Organizations?.Add is not null;
}

/// <summary>
/// The indexes every change to an organization keeps (HTTP changes and queue ingestion alike): the in-progress index the
/// stalled list reads and the organizations index of <c>GET /analytics/organizations</c>. Each plans over the organization
/// before and after the change; new rows are written before the commit, old ones removed after it.
/// </summary>
public sealed class CommitIndexes(InProgressWizards inProgress, OrganizationsIndex organizations)
{
    public IndexPlan? Plan(OrganizationOnboarding before, OrganizationOnboarding after, IReadOnlyList<OnboardingEvent> events)
    {
        var plan = new IndexPlan(InProgressWizards.Plan(before, after, events), organizations.Plan(before, after));
        return plan.InProgress is null && plan.Organizations is null ? null : plan;
    }

    public async Task BeforeCommitAsync(IndexPlan plan, CancellationToken cancellationToken) =>
        await Task.WhenAll(
            plan.InProgress is { } wizard ? inProgress.BeforeCommitAsync(wizard, cancellationToken) : Task.CompletedTask,
            plan.Organizations is { } organization ? organizations.BeforeCommitAsync(organization, cancellationToken) : Task.CompletedTask);

    public async Task AfterCommitAsync(IndexPlan plan, CancellationToken cancellationToken)
    {
        if (plan.InProgress is { } wizard)
        {
            await inProgress.AfterCommitAsync(wizard, cancellationToken);
        }
        if (plan.Organizations is { } organization)
        {
            await organizations.AfterCommitAsync(organization, cancellationToken);
        }
    }
}
