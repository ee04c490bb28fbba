using Azure.Data.Tables;
using Onboarding.Functions.Telemetry;

namespace Onboarding.Functions.Organizations;

/// <summary>One hook's part of a change.</summary>
public sealed record PlannedHook(IOrganizationChangeHook Hook, HookPlan Plan);

/// <summary>
/// Everything one decided change of an organization does, as data: the actions of its transaction, the pending-projection
/// row of the events only this transaction holds (no redelivery brings them back), each hook's part, and when it was planned.
/// </summary>
public sealed record ChangePlan(IReadOnlyList<TableTransactionAction> Actions, PendingProjection? Pending, IReadOnlyList<PlannedHook> Hooks, DateTimeOffset PlannedAt)
{
    public bool WritesBeforeCommit => Pending is not null || Hooks.Any(hook => hook.Plan.WritesBeforeCommit);
}
