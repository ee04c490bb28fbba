using Onboarding.Domain.Events;
using Onboarding.Domain.State;

namespace Onboarding.Functions.Organizations;

/// <summary>What a hook planned for one change: its own record type, handed back to the same hook.</summary>
public abstract record HookPlan
{
    /// <summary>Whether the hook writes rows before the change commits (rows that must exist once it has).</summary>
    public abstract bool WritesBeforeCommit { get; }
}

/// <summary>
/// Work another folder does around every change of an organization, on every path that changes one (HTTP changes,
/// queue ingestion): planned over the organization before and after the change, rows written before the commit, old
/// ones removed once the change has committed and its events are projected. Registered in the container like
/// <c>IOrganizationDataEraser</c>, so this folder does not depend on the folders that keep such rows.
/// </summary>
public interface IOrganizationChangeHook
{
    /// <summary>What the change from <paramref name="before"/> to <paramref name="after"/> needs of this hook; null when nothing.</summary>
    HookPlan? Plan(OrganizationOnboarding before, OrganizationOnboarding after, IReadOnlyList<OnboardingEvent> events);

    Task BeforeCommitAsync(HookPlan plan, CancellationToken cancellationToken);

    Task AfterCommitAsync(HookPlan plan, CancellationToken cancellationToken);
}
