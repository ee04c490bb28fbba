using System.Text.Json.Nodes;
using Onboarding.Domain.Analytics;
using Onboarding.Domain.Events;

namespace Onboarding.Domain.Tests.Analytics;

public sealed class AnalyticsTallyTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 14, 8, 0, 0, TimeSpan.Zero);

    private static OnboardingEvent E(string org, string type, DateTimeOffset at, Func<OnboardingEvent, OnboardingEvent>? change = null)
    {
        var e = new OnboardingEvent(Guid.NewGuid().ToString("N"), org, type, at);
        return change is null ? e : change(e);
    }

    private static OnboardingEvent Task(string org, string task, DateTimeOffset at) =>
        E(org, OnboardingEventTypes.ChecklistTaskCompleted, at, e => e with { Data = new JsonObject { ["taskId"] = task } });

    private static IReadOnlyList<OnboardingEvent> Events() =>
    [
        E("A", OnboardingEventTypes.WizardStarted, Day0),
        E("A", OnboardingEventTypes.WizardStepCompleted, Day0.AddMinutes(1), e => e with { WizardStepReached = 1, StepDurationSeconds = 60 }),
        E("A", OnboardingEventTypes.WizardCompleted, Day0.AddMinutes(20), e => e with { CompletionTimeMinutes = 20 }),
        Task("A", "x", Day0.AddMinutes(30)),
        Task("A", "y", Day0.AddDays(1).AddMinutes(90)),
        E("B", OnboardingEventTypes.WizardStarted, Day0.AddDays(1)),
        Task("B", "x", Day0.AddDays(1).AddMinutes(-10)),
        E("B", OnboardingEventTypes.WizardSkipped, Day0.AddDays(1).AddHours(1), e => e with { WizardStepDropped = 1 }),
        E("S", OnboardingEventTypes.WizardStarted, Day0, e => e with { IsSample = true }),
        Task("S", "x", Day0) with { IsSample = true },
        E("C", "event_created", Day0.AddDays(1), e => e with { IsSample = true }),
    ];

    [Fact]
    public void DaysTalliedApartAndMergedCountTheSameAsAllEventsAtOnce()
    {
        var all = AnalyticsTally.Of(Events());
        var merged = new AnalyticsTally();
        foreach (var day in Events().GroupBy(e => e.Timestamp.UtcDateTime.Date))
        {
            merged.Merge(AnalyticsTally.FromBytes(AnalyticsTally.Of(day).ToBytes()));
        }

        Assert.Equal(all.Funnel.Steps(5), merged.Funnel.Steps(5));
        Assert.Equal(all.Activity.Days(DateOnly.FromDateTime(Day0.UtcDateTime), DateOnly.FromDateTime(Day0.UtcDateTime).AddDays(1)).Select(d => (d.Day, d.ActiveOrganizations, string.Join(",", d.EventsByType))),
            merged.Activity.Days(DateOnly.FromDateTime(Day0.UtcDateTime), DateOnly.FromDateTime(Day0.UtcDateTime).AddDays(1)).Select(d => (d.Day, d.ActiveOrganizations, string.Join(",", d.EventsByType))));
        Assert.Equal(all.WizardCompletionMinutes, merged.WizardCompletionMinutes);
        Assert.Equal(all.Checklist.Tasks(["x", "y"]), merged.Checklist.Tasks(["x", "y"]));
        Assert.Equal(all.ToBytes(), merged.ToBytes());
    }

    [Fact]
    public void TheChecklistCohortIsTheRangesWizardStartersWithoutSamples()
    {
        var tally = AnalyticsTally.Of(Events());

        Assert.Equal(2, tally.Checklist.Organizations);
        // x: A after 30 minutes, B 10 minutes before its wizard (0); y: A after 1 day and 90 minutes.
        Assert.Equal(
            [new ChecklistTaskShare("x", 2, 100, 15), new ChecklistTaskShare("y", 1, 50, 1530), new ChecklistTaskShare("z", 0, 0, null)],
            tally.Checklist.Tasks(["x", "y", "z"]));
        Assert.Equal([1530.0], tally.Checklist.CompletionMinutes(["x", "y"]));
        Assert.Empty(tally.Checklist.CompletionMinutes(["x", "y", "z"]));
        Assert.Equal([20.0], tally.WizardCompletionMinutes);
    }

    [Fact]
    public void TheSameTallyGivesTheSameBytes()
    {
        var events = Events();
        var forwards = AnalyticsTally.Of(events);
        var backwards = AnalyticsTally.Of(events.Reverse());

        Assert.Equal(forwards.ToBytes(), backwards.ToBytes());
        Assert.Equal(new AnalyticsTally().ToBytes(), AnalyticsTally.FromBytes(new AnalyticsTally().ToBytes()).ToBytes());
    }
}
