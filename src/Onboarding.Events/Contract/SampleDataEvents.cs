namespace Onboarding.Events;

public sealed record SampleDataGenerated(string OrganizationId) : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.SampleDataGenerated;
}

public sealed record SampleDataCleared(string OrganizationId) : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.SampleDataCleared;
}
