using Onboarding.Events.Wire;

namespace Onboarding.Events;

public sealed record TutorialStarted(string OrganizationId, string TutorialId) : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.TutorialStarted;

    internal override void Describe(EventFields fields) => fields.SetData("tutorialId", TutorialId);
}

public sealed record TutorialCompleted(string OrganizationId, string TutorialId) : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.TutorialCompleted;

    internal override void Describe(EventFields fields) => fields.SetData("tutorialId", TutorialId);
}

public sealed record TutorialSkipped(string OrganizationId, string TutorialId) : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.TutorialSkipped;

    internal override void Describe(EventFields fields) => fields.SetData("tutorialId", TutorialId);
}
