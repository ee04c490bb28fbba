using Onboarding.Events.Wire;

namespace Onboarding.Events;

public sealed record OrganizationCreated(string OrganizationId) : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.OrganizationCreated;
}

/// <summary>
/// The organization was deleted in the product (the product's cascade delete): the onboarding backend erases
/// every row it holds for it. Events of the organization published after it start a fresh onboarding.
/// </summary>
public sealed record OrganizationDeleted(string OrganizationId) : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.OrganizationDeleted;
}

/// <summary>
/// Creation or deletion activity, the only kind that may be sample data (<see cref="IsSample"/>): sample
/// activity moves no counter, so demo data completes no checklist task.
/// </summary>
public abstract record SampleableActivityEvent : OnboardingEvent
{
    private protected SampleableActivityEvent(string organizationId)
        : base(organizationId)
    {
    }

    public bool IsSample { get; init; }

    internal override void Describe(EventFields fields) => fields.IsSample = IsSample ? true : null;
}

public sealed record EventCreated(string OrganizationId) : SampleableActivityEvent(OrganizationId)
{
    public override string Type => EventTypes.EventCreated;
}

public sealed record TeamCreated(string OrganizationId) : SampleableActivityEvent(OrganizationId)
{
    public override string Type => EventTypes.TeamCreated;
}

public sealed record VolunteerAdded(string OrganizationId) : SampleableActivityEvent(OrganizationId)
{
    public override string Type => EventTypes.VolunteerAdded;
}

public sealed record AssignmentCreated(string OrganizationId) : SampleableActivityEvent(OrganizationId)
{
    public override string Type => EventTypes.AssignmentCreated;
}

public sealed record EventDeleted(string OrganizationId) : SampleableActivityEvent(OrganizationId)
{
    public override string Type => EventTypes.EventDeleted;
}

public sealed record TeamDeleted(string OrganizationId) : SampleableActivityEvent(OrganizationId)
{
    public override string Type => EventTypes.TeamDeleted;
}

public sealed record VolunteerDeleted(string OrganizationId) : SampleableActivityEvent(OrganizationId)
{
    public override string Type => EventTypes.VolunteerDeleted;
}

public sealed record AssignmentDeleted(string OrganizationId) : SampleableActivityEvent(OrganizationId)
{
    public override string Type => EventTypes.AssignmentDeleted;
}

/// <summary>Absolute counts from the product's own tables that override the receiver's counters.</summary>
public sealed record ActivitySnapshot(string OrganizationId, ActivityCounts Counts) : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.ActivitySnapshot;

    internal override void Describe(EventFields fields) => fields.SetCounts(Counts);
}
