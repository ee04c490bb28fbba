using Onboarding.Domain.Analytics;
using Onboarding.Domain.Events;

namespace Onboarding.Domain.Tests.Analytics;

public sealed class DailyActivityTests
{
    private static readonly DateOnly March14 = new(2026, 3, 14);

    private static IReadOnlyList<OnboardingEvent> Events() =>
    [
        Event("A", OnboardingEventTypes.WizardStarted, "2026-03-14T08:00:00Z"),
        Event("A", "team_created", "2026-03-14T09:00:00Z"),
        Event("B", "team_created", "2026-03-14T23:59:59Z"),
        // 00:30 in Berlin on the 15th is still the 14th in UTC.
        Event("C", "volunteer_added", "2026-03-15T00:30:00+01:00"),
        Event("D", "volunteer_added", "2026-03-14T12:00:00Z") with { IsSample = true },
        Event("A", OnboardingEventTypes.ViewReports, "2026-03-16T10:00:00Z"),
    ];

    [Fact]
    public void EachUtcDayCountsItsActiveOrganizationsOnceAndItsEventsByType()
    {
        var activity = new DailyActivity();
        foreach (var e in Events())
        {
            activity.Add(e);
        }

        var days = activity.Days(March14, March14.AddDays(2));

        Assert.Equal([3, 0, 1], days.Select(d => d.ActiveOrganizations));
        Assert.Equal(new Dictionary<string, int> { ["team_created"] = 2, ["volunteer_added"] = 1, ["wizard_started"] = 1 }, days[0].EventsByType);
        Assert.Empty(days[1].EventsByType);
        Assert.Equal(new Dictionary<string, int> { ["view_reports"] = 1 }, days[2].EventsByType);
    }

    [Fact]
    public void TalliesMergeIntoTheTallyOfAllTheirEvents()
    {
        var events = Events();
        var (whole, first, second) = (new DailyActivity(), new DailyActivity(), new DailyActivity());
        for (var i = 0; i < events.Count; i++)
        {
            whole.Add(events[i]);
            (i < 2 ? first : second).Add(events[i]);
        }

        first.Merge(second);

        Assert.Equal(
            whole.Days(March14, March14.AddDays(2)).Select(d => (d.Day, d.ActiveOrganizations, string.Join(',', d.EventsByType))),
            first.Days(March14, March14.AddDays(2)).Select(d => (d.Day, d.ActiveOrganizations, string.Join(',', d.EventsByType))));
    }

    private static OnboardingEvent Event(string org, string type, string at) =>
        new(Guid.NewGuid().ToString("N"), org, type, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));
}
