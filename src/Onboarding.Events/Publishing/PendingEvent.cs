namespace Onboarding.Events.Publishing;

/// <summary>An event waiting to be sent: its compact JSON, and who awaits it (<c>EnqueueAsync</c>) if anyone.</summary>
internal sealed record PendingEvent(string OrganizationId, string Id, byte[] Json, TaskCompletionSource? Completion);
