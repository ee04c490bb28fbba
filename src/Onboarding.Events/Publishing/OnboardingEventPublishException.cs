namespace Onboarding.Events;

/// <summary>
/// Some envelopes could not be sent. Events given to <c>Publish</c> stay buffered and are sent again, with
/// the same ids, at the next flush; <c>EnqueueAsync</c> callers of the failed events get this exception.
/// </summary>
public sealed class OnboardingEventPublishException(string message, int unsentEvents, Exception? innerException)
    : Exception(message, innerException)
{
    public int UnsentEvents { get; } = unsentEvents;
}
