namespace Onboarding.Domain.Events;

/// <summary>One thing wrong with an event: the field's JSON path (<c>data.counts.{counter}</c>) and a sentence.</summary>
public sealed record EventProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>
/// The outcome of validating one event: the event, scrubbed, when it is valid; otherwise every problem
/// found. <paramref name="RedactedValues"/> counts the <c>data</c> values scrubbed from the returned event.
/// </summary>
public sealed record EventValidation(OnboardingEvent? Event, IReadOnlyList<EventProblem> Problems, int RedactedValues)
{
    public bool IsValid => Event is not null;

    /// <summary>The problems as a field-to-messages validation error (for an HTTP validation problem).</summary>
    public ValidationFailed ToValidationFailed() => new(
        Problems.GroupBy(p => p.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal),
        "The event has invalid fields.");
}
