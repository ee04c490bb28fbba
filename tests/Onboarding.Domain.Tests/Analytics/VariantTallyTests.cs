using Onboarding.Domain.Analytics;
using Onboarding.Domain.Events;

namespace Onboarding.Domain.Tests.Analytics;

public sealed class VariantTallyTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static OnboardingEvent E(string org, string type, int minutes, int? step = null, double? seconds = null, double? completion = null, string? user = null) =>
        new(Guid.NewGuid().ToString("N"), org, type, Day.AddMinutes(minutes), WizardStepReached: step, StepDurationSeconds: seconds, CompletionTimeMinutes: completion, UserKey: user);

    [Fact]
    public void ATallyOfSomeOrganizationsCountsOnlyThemAfterARoundTrip()
    {
        var tally = AnalyticsTally.Of(
        [
            E("a", OnboardingEventTypes.WizardStarted, 0), E("a", OnboardingEventTypes.WizardStepCompleted, 1, step: 1, seconds: 30),
            E("a", OnboardingEventTypes.WizardCompleted, 2, completion: 10),
            E("b", OnboardingEventTypes.WizardStarted, 0), E("b", OnboardingEventTypes.WizardStepCompleted, 1, step: 1, seconds: 90),
            E("c", OnboardingEventTypes.WizardStarted, 0), E("c", OnboardingEventTypes.WizardCompleted, 3, completion: 40),
        ]);
        var stored = AnalyticsTally.FromBytes(tally.ToBytes());

        var only = stored.Only(new HashSet<string> { "a", "b" });

        Assert.Equal(2, only.Funnel.Started);
        Assert.Equal(2, only.Funnel.Steps(5)[0].Completed);
        Assert.Equal(60, only.Funnel.Steps(5)[0].MedianDurationSeconds);
        Assert.Equal([10.0], only.WizardCompletionMinutes);
        Assert.Equal(2, only.Checklist.Organizations);
        Assert.Equal(3, stored.Funnel.Started);
        Assert.Equal([10.0, 40.0], stored.WizardCompletionMinutes.Order());
    }

    [Fact]
    public void ActiveUsersAreDistinctPerDayAndOverTheRangeAcrossMergedDays()
    {
        var day1 = AnalyticsTally.Of([E("a", "view_reports", 0, user: "u1"), E("b", "view_reports", 1, user: "u1"), E("a", "team_created", 2, user: "u2"), E("b", "team_created", 3)]);
        var day2 = AnalyticsTally.Of([E("a", "view_reports", 24 * 60, user: "u1"), E("b", "view_reports", 24 * 60 + 1, user: "u3")]);
        var range = AnalyticsTally.FromBytes(day1.ToBytes());
        range.Merge(AnalyticsTally.FromBytes(day2.ToBytes()));

        var days = range.Activity.Days(DateOnly.FromDateTime(Day.UtcDateTime), DateOnly.FromDateTime(Day.UtcDateTime).AddDays(2));

        Assert.Equal([2, 2, 0], days.Select(d => d.ActiveUsers));
        Assert.Equal([2, 2, 0], days.Select(d => d.ActiveOrganizations));
        Assert.Equal(3, range.Activity.DistinctUsers(days[0].Day, days[2].Day));
        Assert.Equal(2, range.Activity.DistinctUsers(days[0].Day, days[0].Day));
    }
}
