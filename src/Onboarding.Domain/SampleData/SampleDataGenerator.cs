using System.Globalization;

namespace Onboarding.Domain.SampleData;

/// <summary>
/// Builds an organization's demo data: 5 events over the coming two weeks at sensible local times in
/// the organization's time zone, 3 teams with roles, 15 obviously fictional volunteers (no contact
/// details) and a schedule that staffs every event from its teams. Deterministic: the same organization,
/// zone and time always give the same data set; names and rotas vary between organizations.
/// </summary>
public static class SampleDataGenerator
{
    private const int VolunteerCount = 15;

    private static readonly SampleTeamTemplate[] Teams =
    [
        new("Welcome Team", "Greeter"),
        new("Setup Crew", "Setup Helper"),
        new("Hospitality Team", "Host"),
    ];

    // Day 0 is the first Sunday after the day of generation (in the organization's zone).
    private static readonly SampleEventTemplate[] Events =
    [
        new("Sample Sunday Gathering", 0, new TimeOnly(10, 0), 90, [1, 2, 3], 2),
        new("Sample Midweek Meetup", 3, new TimeOnly(19, 0), 120, [1, 3], 2),
        new("Sample Sunday Gathering", 7, new TimeOnly(10, 0), 90, [1, 2, 3], 2),
        new("Sample Community Workday", 13, new TimeOnly(9, 0), 180, [2], 3),
        new("Sample Sunday Gathering", 14, new TimeOnly(10, 0), 90, [1, 2, 3], 2),
    ];

    private static readonly string[] FirstNames =
    [
        "Juniper", "Pixel", "Marmalade", "Biscuit", "Clover", "Pebble", "Waffles", "Noodle", "Sprocket", "Maple",
        "Tofu", "Bramble", "Doodle", "Pickles", "Zippy", "Mango", "Button", "Comet", "Fizz", "Nimbus",
    ];

    private static readonly string[] FamilyNames = ["Sampleton", "Demo", "Example", "Placeholder", "McTestface", "Fictional"];

    public static SampleDataSet Generate(string organizationId, TimeZoneInfo timeZone, DateTimeOffset generatedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentNullException.ThrowIfNull(timeZone);

        var sequence = SeededSequence.For(organizationId);
        var teams = Teams.Select((t, i) => new SampleTeam(Key("team", i + 1), t.Name, t.Role)).ToList();
        var volunteers = GenerateVolunteers(sequence, teams);
        var events = GenerateEvents(timeZone, generatedAt, teams);
        var assignments = GenerateSchedule(sequence, events, teams, volunteers);
        return new SampleDataSet(organizationId, timeZone.Id, generatedAt, events, teams, volunteers, assignments);
    }

    /// <summary>
    /// The instant a wall-clock time in <paramref name="zone"/> denotes. A time the clocks skip (spring
    /// forward) moves forward by the gap, as the clocks do; a time that happens twice (fall back) means
    /// its first occurrence.
    /// </summary>
    internal static DateTimeOffset ToInstant(DateTime localTime, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // The offset in force before the jump: a day earlier is before it (gaps are shorter than a day).
            offset = zone.GetUtcOffset(new DateTimeOffset(local.AddDays(-1), TimeSpan.Zero));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static List<SampleVolunteer> GenerateVolunteers(SeededSequence sequence, List<SampleTeam> teams)
    {
        var firstNames = sequence.Shuffled(FirstNames);
        return Enumerable.Range(1, VolunteerCount)
            .Select(n => new SampleVolunteer(
                Key("volunteer", n),
                $"{firstNames[n - 1]} {FamilyNames[sequence.Below(FamilyNames.Length)]}",
                teams[(n - 1) % teams.Count].Key))
            .ToList();
    }

    private static List<SampleEvent> GenerateEvents(TimeZoneInfo zone, DateTimeOffset generatedAt, List<SampleTeam> teams)
    {
        var today = TimeZoneInfo.ConvertTime(generatedAt, zone).Date;
        var firstSunday = today.AddDays(7 - (int)today.DayOfWeek);
        return Events
            .Select((template, i) =>
            {
                var startsAt = ToInstant(firstSunday.AddDays(template.DaysAfterFirstSunday) + template.LocalTime.ToTimeSpan(), zone);
                return new SampleEvent(
                    Key("event", i + 1),
                    template.Title,
                    TimeZoneInfo.ConvertTime(startsAt, zone).DateTime,
                    startsAt,
                    template.DurationMinutes,
                    [.. template.TeamNumbers.Select(number => teams[number - 1].Key)]);
            })
            .ToList();
    }

    /// <summary>
    /// Each team's members take turns in a fixed rotation (starting at a member the organization's seed
    /// picks), so the load is spread and nobody appears twice at one event: a team never sends more
    /// volunteers to an event than it has members, and every volunteer belongs to one team.
    /// </summary>
    private static List<SampleAssignment> GenerateSchedule(
        SeededSequence sequence, List<SampleEvent> events, List<SampleTeam> teams, List<SampleVolunteer> volunteers)
    {
        var rotations = new Dictionary<string, TeamRotation>(StringComparer.Ordinal);
        foreach (var team in teams)
        {
            var members = volunteers.Where(v => v.TeamKey == team.Key).ToList();
            rotations[team.Key] = new TeamRotation(members) { Next = sequence.Below(members.Count) };
        }

        var assignments = new List<SampleAssignment>();
        foreach (var (sampleEvent, template) in events.Zip(Events))
        {
            foreach (var teamKey in sampleEvent.TeamKeys)
            {
                var team = teams.Single(t => t.Key == teamKey);
                var rotation = rotations[teamKey];
                for (var slot = 0; slot < Math.Min(template.VolunteersPerTeam, rotation.Members.Count); slot++)
                {
                    var volunteer = rotation.Members[rotation.Next];
                    rotation.Next = (rotation.Next + 1) % rotation.Members.Count;
                    assignments.Add(new SampleAssignment(Key("assignment", assignments.Count + 1), sampleEvent.Key, volunteer.Key, teamKey, team.Role));
                }
            }
        }
        return assignments;
    }

    private static string Key(string kind, int number) => string.Create(CultureInfo.InvariantCulture, $"{kind}-{number}");

    private sealed record SampleTeamTemplate(string Name, string Role);

    private sealed record SampleEventTemplate(
        string Title, int DaysAfterFirstSunday, TimeOnly LocalTime, int DurationMinutes, int[] TeamNumbers, int VolunteersPerTeam);

    private sealed class TeamRotation(List<SampleVolunteer> members)
    {
        public List<SampleVolunteer> Members { get; } = members;

        public int Next { get; set; }
    }
}
