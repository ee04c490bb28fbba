namespace Onboarding.Domain.Events;

/// <summary>An event of a queue message that was refused: its position in the message, its id when it had a valid one, and why.</summary>
public sealed record RejectedEvent(int Index, string? Id, IReadOnlyList<string> Reasons);

/// <summary>
/// What a queue message held. When <paramref name="MessageError"/> is set the message as a whole was unusable
/// and both lists are empty. <paramref name="RedactedValues"/> counts the <c>data</c> values scrubbed from
/// the valid events, for the log.
/// </summary>
public sealed record ParsedMessage(
    IReadOnlyList<OnboardingEvent> Valid,
    IReadOnlyList<RejectedEvent> Rejected,
    string? MessageError,
    int RedactedValues = 0)
{
    public static ParsedMessage Unusable(string error) => new([], [], error);
}
