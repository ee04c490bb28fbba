namespace Onboarding.Domain.Events;

/// <summary>Ids for events the system itself causes: time-ordered, so an organization's events sort by time.</summary>
public static class EventIds
{
    public static string New(DateTimeOffset at) => Guid.CreateVersion7(at).ToString("N");
}
