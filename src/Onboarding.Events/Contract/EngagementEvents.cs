using Onboarding.Events.Wire;

namespace Onboarding.Events;

public sealed record FeatureUnlocked(string OrganizationId, string Feature) : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.FeatureUnlocked;

    internal override void Describe(EventFields fields) => fields.SetData("feature", Feature);
}

public sealed record ChecklistTaskCompleted(string OrganizationId, string TaskId) : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.ChecklistTaskCompleted;

    internal override void Describe(EventFields fields) => fields.SetData("taskId", TaskId);
}

public sealed record VideoPlayed(string OrganizationId) : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.VideoPlayed;
}

public sealed record VideoCompleted(string OrganizationId) : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.VideoCompleted;
}

public sealed record ViewReports(string OrganizationId) : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.ViewReports;
}

/// <summary>An admin dismissed the organization's onboarding: it is counted in the funnel's <c>dismissed</c>.</summary>
public sealed record OnboardingDismissed(string OrganizationId) : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.OnboardingDismissed;
}
