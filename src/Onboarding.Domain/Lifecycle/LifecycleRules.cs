using Onboarding.Domain.Events;
using Onboarding.Domain.State;

namespace Onboarding.Domain.Lifecycle;

/// <summary>
/// Where an organization's onboarding begins and whether it is wanted: it starts at sign-up (the product's
/// <c>organization_created</c>), and an admin may dismiss it (and take that back).
/// </summary>
public static class LifecycleRules
{
    /// <summary>
    /// Records sign-up from the (non-sample) <c>organization_created</c> events among <paramref name="events"/>: the
    /// earliest creation time known is the organization's <see cref="OnboardingState.SignedUpAt"/>, so a repeat or a
    /// late backfill of the same organization changes nothing or only moves it earlier.
    /// </summary>
    public static OrganizationOnboarding RecordSignUp(OrganizationOnboarding onboarding, IEnumerable<OnboardingEvent> events)
    {
        var signedUpAt = onboarding.State.SignedUpAt;
        foreach (var e in events)
        {
            if (e is { Type: OnboardingEventTypes.OrganizationCreated, IsSample: false } && (signedUpAt is null || e.Timestamp < signedUpAt))
            {
                signedUpAt = e.Timestamp.ToUniversalTime();
            }
        }
        return signedUpAt == onboarding.State.SignedUpAt ? onboarding : onboarding with { State = onboarding.State with { SignedUpAt = signedUpAt } };
    }

    /// <summary>Dismisses the onboarding (<c>onboarding_dismissed</c>); dismissing it again changes nothing.</summary>
    public static OnboardingChange Dismiss(OrganizationOnboarding onboarding, DateTimeOffset now)
    {
        if (onboarding.State.DismissedAt is not null)
        {
            return OnboardingChange.None(onboarding);
        }
        return new OnboardingChange(
            onboarding with { State = onboarding.State with { DismissedAt = now } },
            [new OnboardingEvent(EventIds.New(now), onboarding.OrganizationId, OnboardingEventTypes.OnboardingDismissed, now)]);
    }

    /// <summary>Takes a dismissal back: the onboarding shows again where it was. No event (as an edit); nothing when not dismissed.</summary>
    public static OnboardingChange Undismiss(OrganizationOnboarding onboarding) =>
        onboarding.State.DismissedAt is null
            ? OnboardingChange.None(onboarding)
            : new OnboardingChange(onboarding with { State = onboarding.State with { DismissedAt = null } }, []);
}
