using Onboarding.Domain.Analytics;
using Onboarding.Domain.Events;

namespace Onboarding.Domain.Tests.Analytics;

public sealed class WizardFunnelTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A completes all five steps (60 s each, step 3 took 120 s); B completes 1 and 2, then skips at 3;
    /// C starts and skips at 1; D only appears in sample events; E completes step 1 twice (a reset).
    /// </summary>
    private static IReadOnlyList<OnboardingEvent> Journeys()
    {
        var events = new List<OnboardingEvent> { Started("A"), Started("B"), Started("C"), Started("E") };
        events.AddRange(Enumerable.Range(1, 5).Select(step => Completed("A", step, step == 3 ? 120 : 60)));
        events.AddRange([Completed("B", 1, 30), Completed("B", 2, 90), Skipped("B", 3)]);
        events.Add(Skipped("C", 1));
        events.AddRange([Started("D") with { IsSample = true }, Completed("D", 1, 5) with { IsSample = true }]);
        events.AddRange([Completed("E", 1, 10), Completed("E", 1, 20)]);
        return events;
    }

    [Fact]
    public void EachStepCountsWhoReachedCompletedAndDroppedOutThere()
    {
        var funnel = new WizardFunnel();
        foreach (var e in Journeys())
        {
            funnel.Add(e);
        }

        var steps = funnel.Steps(5);

        Assert.Equal(
        [
            new FunnelStep(1, Reached: 4, Completed: 3, Dropped: 1, DropOffPercent: 25, MedianDurationSeconds: 25),
            new FunnelStep(2, Reached: 3, Completed: 2, Dropped: 0, DropOffPercent: 0, MedianDurationSeconds: 75),
            new FunnelStep(3, Reached: 2, Completed: 1, Dropped: 1, DropOffPercent: 50, MedianDurationSeconds: 120),
            new FunnelStep(4, Reached: 1, Completed: 1, Dropped: 0, DropOffPercent: 0, MedianDurationSeconds: 60),
            new FunnelStep(5, Reached: 1, Completed: 1, Dropped: 0, DropOffPercent: 0, MedianDurationSeconds: 60),
        ], steps);
    }

    [Fact]
    public void TalliesOfSeparateDaysMergeIntoTheTallyOfAllTheirEvents()
    {
        var events = Journeys();
        var whole = new WizardFunnel();
        var (firstDay, secondDay) = (new WizardFunnel(), new WizardFunnel());
        for (var i = 0; i < events.Count; i++)
        {
            whole.Add(events[i]);
            (i % 2 == 0 ? firstDay : secondDay).Add(events[i]);
        }

        firstDay.Merge(secondDay);

        Assert.Equal(whole.Steps(5), firstDay.Steps(5));
    }

    [Fact]
    public void AnEmptyPeriodHasEveryStepAtZero()
    {
        var steps = new WizardFunnel().Steps(5);

        Assert.All(steps, s => Assert.Equal((0, 0, 0, 0.0, (double?)null), (s.Reached, s.Completed, s.Dropped, s.DropOffPercent, s.MedianDurationSeconds)));
    }

    private static OnboardingEvent Started(string org) => new(Guid.NewGuid().ToString("N"), org, OnboardingEventTypes.WizardStarted, At);

    private static OnboardingEvent Completed(string org, int step, double seconds) =>
        new(Guid.NewGuid().ToString("N"), org, OnboardingEventTypes.WizardStepCompleted, At, WizardStepReached: step, StepDurationSeconds: seconds);

    private static OnboardingEvent Skipped(string org, int step) =>
        new(Guid.NewGuid().ToString("N"), org, OnboardingEventTypes.WizardSkipped, At, WizardStepDropped: step);
}
