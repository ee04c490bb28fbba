namespace Onboarding.Events.Publishing;

/// <summary>One queue message: one organization's events in an envelope, encoded; <paramref name="MessageBytes"/> is its exact size.</summary>
internal sealed record PackedEnvelope(string OrganizationId, IReadOnlyList<PendingEvent> Events, string MessageText, int MessageBytes);
