namespace Onboarding.Domain.SampleData;

/// <summary>
/// A demo event. <paramref name="LocalStart"/> is the wall-clock start in the organization's time zone
/// (<see cref="DateTimeKind.Unspecified"/>); <paramref name="StartsAtUtc"/> is the same moment as an instant.
/// </summary>
public sealed record SampleEvent(string Key, string Title, DateTime LocalStart, DateTimeOffset StartsAtUtc, int DurationMinutes, IReadOnlyList<string> TeamKeys);

/// <summary>A demo team and the role its members fill at events.</summary>
public sealed record SampleTeam(string Key, string Name, string Role);

/// <summary>A demo volunteer: an obviously fictional name and a team, no contact details.</summary>
public sealed record SampleVolunteer(string Key, string DisplayName, string TeamKey);

/// <summary>One volunteer scheduled at one event, in their team's role.</summary>
public sealed record SampleAssignment(string Key, string EventKey, string VolunteerKey, string TeamKey, string Role);

/// <summary>
/// The demo data generated for one organization. Keys are short, stable and limited to <c>[a-z0-9-]</c>
/// (<c>event-1</c>, <c>team-2</c>, <c>volunteer-15</c>, <c>assignment-7</c>) so the app can use them in row keys.
/// </summary>
public sealed record SampleDataSet(
    string OrganizationId,
    string TimeZoneId,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<SampleEvent> Events,
    IReadOnlyList<SampleTeam> Teams,
    IReadOnlyList<SampleVolunteer> Volunteers,
    IReadOnlyList<SampleAssignment> Assignments)
{
    public SampleDataCounts Counts => new(Events.Count, Teams.Count, Volunteers.Count, Assignments.Count);
}
