namespace Onboarding.Events.Wire;

/// <summary>A batch envelope <c>{"version": 1, "events": [...]}</c>: one queue message, one organization's events.</summary>
public sealed record EventEnvelope(int Version, IReadOnlyList<EventWire> Events)
{
    public const int CurrentVersion = 1;
}
