using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.SampleData;

namespace Onboarding.Domain.Tests.SampleData;

/// <summary>The default catalog's template, generated: its scheduling data read back through typed views.</summary>
public sealed class SampleDataGeneratorTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateTimeOffset FridayBeforeBerlinSpringForward = new(2026, 3, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheSameOrganizationZoneAndTimeAlwaysGiveTheSameData()
    {
        var first = Generate("org-sample-determinism", Berlin, FridayBeforeBerlinSpringForward);
        var second = Generate("org-sample-determinism", TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), FridayBeforeBerlinSpringForward);

        Assert.Equal(JsonSerializer.Serialize(first.Set), JsonSerializer.Serialize(second.Set));
    }

    [Fact]
    public void TheDataDependsOnlyOnItsInputsNotOnTheProcess()
    {
        // Pinned output, computed independently from FNV-1a and SplitMix64: a seed from string.GetHashCode or a
        // System.Random sequence would change between processes or .NET versions.
        var set = Generate("org-golden", Berlin, FridayBeforeBerlinSpringForward);

        Assert.Equal(
            ["Doodle Demo", "Noodle Fictional", "Clover Sampleton", "Comet Placeholder", "Bramble Demo"],
            set.Volunteers.Take(5).Select(v => v.DisplayName));
        Assert.Equal(
            ["volunteer-10", "volunteer-13", "volunteer-14", "volunteer-2", "volunteer-12", "volunteer-15"],
            set.Assignments.Where(a => a.EventKey == "event-1").Select(a => a.VolunteerKey));
    }

    [Fact]
    public void DifferentOrganizationsGetDifferentVolunteersInTheSameShape()
    {
        var first = Generate("org-sample-a", Berlin, FridayBeforeBerlinSpringForward);
        var second = Generate("org-sample-b", Berlin, FridayBeforeBerlinSpringForward);

        Assert.NotEqual(first.Volunteers.Select(v => v.DisplayName), second.Volunteers.Select(v => v.DisplayName));
        Assert.Equal(first.Set.Counts, second.Set.Counts);
        Assert.Equal(first.Events.Select(e => e.StartsAtUtc), second.Events.Select(e => e.StartsAtUtc));
    }

    [Fact]
    public void ASetHasFiveEventsThreeTeamsFifteenVolunteersAndAScheduleForThem()
    {
        var set = Generate("org-sample-counts", NewYork, FridayBeforeBerlinSpringForward);

        Assert.Equal(new Dictionary<string, int> { ["teams"] = 3, ["volunteers"] = 15, ["events"] = 5, ["assignments"] = 25 }, set.Set.Counts.ByCounter);
        Assert.Equal(("org-sample-counts", NewYork.Id, FridayBeforeBerlinSpringForward), (set.Set.OrganizationId, set.Set.TimeZoneId, set.Set.GeneratedAt));
    }

    [Fact]
    public void KeysAreNumberedPerKindAndSafeForRowKeys()
    {
        var set = Generate("org-sample-keys", Berlin, FridayBeforeBerlinSpringForward);

        Assert.Equal(["event-1", "event-2", "event-3", "event-4", "event-5"], set.Events.Select(e => e.Key));
        Assert.Equal(["team-1", "team-2", "team-3"], set.Teams.Select(t => t.Key));
        Assert.Equal(Enumerable.Range(1, 15).Select(n => $"volunteer-{n}"), set.Volunteers.Select(v => v.Key));
        Assert.Equal(Enumerable.Range(1, 25).Select(n => $"assignment-{n}"), set.Assignments.Select(a => a.Key));
        var keys = set.Events.Select(e => e.Key).Concat(set.Teams.Select(t => t.Key)).Concat(set.Volunteers.Select(v => v.Key)).Concat(set.Assignments.Select(a => a.Key));
        Assert.All(keys, key => Assert.Matches("^[a-z0-9-]+$", key));
    }

    [Fact]
    public void TeamsHaveRolesAndFiveVolunteersEach()
    {
        var set = Generate("org-sample-teams", Berlin, FridayBeforeBerlinSpringForward);

        Assert.Contains(new Team("team-1", "Welcome Team", "Greeter"), set.Teams);
        Assert.All(set.Teams, team =>
        {
            Assert.False(string.IsNullOrWhiteSpace(team.Role));
            Assert.Equal(5, set.Volunteers.Count(v => v.TeamKey == team.Key));
        });
    }

    [Fact]
    public void VolunteersHaveDistinctObviouslyFictionalNamesAndNoContactDetails()
    {
        string[] fictionalFamilyNames = ["Sampleton", "Demo", "Example", "Placeholder", "McTestface", "Fictional"];

        var set = Generate("org-sample-names", Berlin, FridayBeforeBerlinSpringForward);

        Assert.Equal(15, set.Volunteers.Select(v => v.DisplayName).Distinct().Count());
        Assert.All(set.Volunteers, v =>
        {
            Assert.Contains(v.DisplayName.Split(' ')[^1], fictionalFamilyNames);
            Assert.DoesNotContain("@", v.DisplayName);
            Assert.DoesNotMatch(@"\d", v.DisplayName);
        });
    }

    [Fact]
    public void EveryEventIsStaffedFromItsOwnTeamsWithNobodyBookedTwice()
    {
        var set = Generate("org-sample-schedule", NewYork, FridayBeforeBerlinSpringForward);
        var volunteers = set.Volunteers.ToDictionary(v => v.Key);
        var teams = set.Teams.ToDictionary(t => t.Key);

        Assert.All(set.Events, sampleEvent =>
        {
            var staff = set.Assignments.Where(a => a.EventKey == sampleEvent.Key).ToList();
            Assert.Equal(sampleEvent.TeamKeys.Order(), staff.Select(a => a.TeamKey).Distinct().Order());
            Assert.Equal(staff.Count, staff.Select(a => a.VolunteerKey).Distinct().Count());
            Assert.All(staff, a =>
            {
                Assert.Equal(a.TeamKey, volunteers[a.VolunteerKey].TeamKey);
                Assert.Equal(teams[a.TeamKey].Role, a.Role);
            });
        });
    }

    [Fact]
    public void TheScheduleSpreadsTheWorkAcrossEveryVolunteer()
    {
        var set = Generate("org-sample-fair", Berlin, FridayBeforeBerlinSpringForward);

        var shifts = set.Volunteers.Select(v => set.Assignments.Count(a => a.VolunteerKey == v.Key)).ToList();

        Assert.All(shifts, count => Assert.InRange(count, 1, 2));
    }

    [Fact]
    public void EventsFollowBerlinsSpringForwardWeekByWeek()
    {
        var set = Generate("org-sample-berlin", Berlin, FridayBeforeBerlinSpringForward);

        // Berlin moves to summer time (UTC+2) on Sunday 29 March 2026; the local times stay put.
        Assert.Equal(
            [
                (new DateTime(2026, 3, 22, 10, 0, 0), new DateTimeOffset(2026, 3, 22, 9, 0, 0, TimeSpan.Zero)),
                (new DateTime(2026, 3, 25, 19, 0, 0), new DateTimeOffset(2026, 3, 25, 18, 0, 0, TimeSpan.Zero)),
                (new DateTime(2026, 3, 29, 10, 0, 0), new DateTimeOffset(2026, 3, 29, 8, 0, 0, TimeSpan.Zero)),
                (new DateTime(2026, 4, 4, 9, 0, 0), new DateTimeOffset(2026, 4, 4, 7, 0, 0, TimeSpan.Zero)),
                (new DateTime(2026, 4, 5, 10, 0, 0), new DateTimeOffset(2026, 4, 5, 8, 0, 0, TimeSpan.Zero)),
            ],
            set.Events.Select(e => (e.LocalStart, e.StartsAtUtc)));
    }

    [Fact]
    public void EventsFollowNewYorksFallBackWeekByWeek()
    {
        var fridayNoonInNewYork = new DateTimeOffset(2026, 10, 23, 12, 0, 0, TimeSpan.FromHours(-4));

        var set = Generate("org-sample-new-york", NewYork, fridayNoonInNewYork);

        // New York returns to standard time (UTC-5) on Sunday 1 November 2026 at 02:00.
        Assert.Equal(
            [
                (new DateTime(2026, 10, 25, 10, 0, 0), new DateTimeOffset(2026, 10, 25, 14, 0, 0, TimeSpan.Zero)),
                (new DateTime(2026, 10, 28, 19, 0, 0), new DateTimeOffset(2026, 10, 28, 23, 0, 0, TimeSpan.Zero)),
                (new DateTime(2026, 11, 1, 10, 0, 0), new DateTimeOffset(2026, 11, 1, 15, 0, 0, TimeSpan.Zero)),
                (new DateTime(2026, 11, 7, 9, 0, 0), new DateTimeOffset(2026, 11, 7, 14, 0, 0, TimeSpan.Zero)),
                (new DateTime(2026, 11, 8, 10, 0, 0), new DateTimeOffset(2026, 11, 8, 15, 0, 0, TimeSpan.Zero)),
            ],
            set.Events.Select(e => (e.LocalStart, e.StartsAtUtc)));
    }

    [Fact]
    public void TheComingSundayIsCountedFromTheOrganizationsLocalDate()
    {
        // Saturday 23:30 UTC is already Sunday 00:30 in Berlin but still Saturday evening in New York.
        var saturdayNightUtc = new DateTimeOffset(2026, 3, 21, 23, 30, 0, TimeSpan.Zero);

        var berlin = Generate("org-sample-dateline", Berlin, saturdayNightUtc);
        var newYork = Generate("org-sample-dateline", NewYork, saturdayNightUtc);

        Assert.Equal(new DateTime(2026, 3, 29, 10, 0, 0), berlin.Events[0].LocalStart);
        Assert.Equal(new DateTime(2026, 3, 22, 10, 0, 0), newYork.Events[0].LocalStart);
    }

    [Fact]
    public void EventsLieAheadInOrderAndTheirLocalAndUtcTimesAgree()
    {
        var sundayMorning = new DateTimeOffset(2026, 6, 7, 9, 0, 0, TimeSpan.FromHours(2));

        var set = Generate("org-sample-ahead", Berlin, sundayMorning);

        Assert.True(set.Events[0].StartsAtUtc > sundayMorning.AddDays(6), "An event on the day of generation could already be over.");
        Assert.Equal(set.Events.Select(e => e.StartsAtUtc).Order(), set.Events.Select(e => e.StartsAtUtc));
        Assert.All(set.Events, e =>
        {
            Assert.Equal(TimeSpan.Zero, e.StartsAtUtc.Offset);
            Assert.Equal(DateTimeKind.Unspecified, e.LocalStart.Kind);
            Assert.Equal(e.LocalStart, TimeZoneInfo.ConvertTime(e.StartsAtUtc, Berlin).DateTime);
        });
    }

    [Fact]
    public void AStartTimeTheClocksSkipMovesForwardByTheGap()
    {
        var set = Generate("org-sample-gap", SundayMorningDaylightSavingZone(), FridayBeforeBerlinSpringForward);

        // Clocks jump from 10:00 to 11:00 on 22 March: the 10:00 gathering happens at 11:00 local, 10:00 UTC.
        Assert.Equal(new DateTime(2026, 3, 22, 11, 0, 0), set.Events[0].LocalStart);
        Assert.Equal(new DateTimeOffset(2026, 3, 22, 10, 0, 0, TimeSpan.Zero), set.Events[0].StartsAtUtc);
    }

    [Fact]
    public void AStartTimeThatHappensTwiceMeansItsFirstOccurrence()
    {
        var set = Generate("org-sample-overlap", SundayMorningDaylightSavingZone(), FridayBeforeBerlinSpringForward);

        // Clocks fall back from 11:00 to 10:00 on 29 March: 10:00 local happens first at 09:00 UTC.
        Assert.Equal(new DateTime(2026, 3, 29, 10, 0, 0), set.Events[2].LocalStart);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 9, 0, 0, TimeSpan.Zero), set.Events[2].StartsAtUtc);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void AnOrganizationIdIsRequired(string organizationId)
    {
        Assert.ThrowsAny<ArgumentException>(() => Generate(organizationId, Berlin, FridayBeforeBerlinSpringForward));
    }

    /// <summary>A zone whose one-week summer time starts and ends on Sunday mornings, right at gathering time.</summary>
    private static TimeZoneInfo SundayMorningDaylightSavingZone()
    {
        var start = TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 10, 0, 0), 3, 22);
        var end = TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 11, 0, 0), 3, 29);
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(new DateTime(2026, 1, 1), new DateTime(2026, 12, 31), TimeSpan.FromHours(1), start, end);
        return TimeZoneInfo.CreateCustomTimeZone("Test/Sunday_Mornings", TimeSpan.Zero, "Sunday mornings", "Standard", "Summer", [rule]);
    }

    private static DefaultSet Generate(string organizationId, TimeZoneInfo zone, DateTimeOffset at) =>
        new(SampleDataGenerator.Generate(DefaultCatalog.Catalog.SampleData!, organizationId, zone, at));

    private sealed record Team(string Key, string Name, string Role);

    private sealed record Volunteer(string Key, string DisplayName, string TeamKey);

    private sealed record Event(string Key, string Title, DateTime LocalStart, DateTimeOffset StartsAtUtc, IReadOnlyList<string> TeamKeys);

    private sealed record Assignment(string Key, string EventKey, string VolunteerKey, string TeamKey, string Role);

    /// <summary>A generated set of the default catalog, its collections as the records the scheduling product knows.</summary>
    private sealed record DefaultSet(SampleDataSet Set)
    {
        public List<Team> Teams => Of("teams", (key, f) => new Team(key, Text(f, "name"), Text(f, "role")));

        public List<Volunteer> Volunteers => Of("volunteers", (key, f) => new Volunteer(key, Text(f, "displayName"), Text(f, "teamKey")));

        public List<Event> Events => Of("events", (key, f) => new Event(key, Text(f, "title"),
            DateTime.ParseExact(Text(f["start"]!.AsObject(), "local"), "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            f["start"]!["utc"]!.GetValue<DateTimeOffset>(), [.. f["teamKeys"]!.AsArray().Select(k => k!.GetValue<string>())]));

        public List<Assignment> Assignments => Of("assignments",
            (key, f) => new Assignment(key, Text(f, "eventKey"), Text(f, "volunteerKey"), Text(f, "teamKey"), Text(f, "role")));

        private List<T> Of<T>(string counter, Func<string, JsonObject, T> read) => [.. Set.Collection(counter)!.Items.Select(i => read(i.Key, i.Fields))];

        private static string Text(JsonObject fields, string name) => fields[name]!.GetValue<string>();
    }
}
