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
            new FunnelStep(1, Reached: 4, Completed: 3, Dropped: 1, DropOffPercent: 25, DropOffPercentOfStarted: 25, MedianDurationSeconds: 25),
            new FunnelStep(2, Reached: 3, Completed: 2, Dropped: 0, DropOffPercent: 0, DropOffPercentOfStarted: 0, MedianDurationSeconds: 75),
            new FunnelStep(3, Reached: 2, Completed: 1, Dropped: 1, DropOffPercent: 50, DropOffPercentOfStarted: 25, MedianDurationSeconds: 120),
            new FunnelStep(4, Reached: 1, Completed: 1, Dropped: 0, DropOffPercent: 0, DropOffPercentOfStarted: 0, MedianDurationSeconds: 60),
            new FunnelStep(5, Reached: 1, Completed: 1, Dropped: 0, DropOffPercent: 0, DropOffPercentOfStarted: 0, MedianDurationSeconds: 60),
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

        Assert.All(steps, s => Assert.Equal((0, 0, 0, 0.0, 0.0, (double?)null), (s.Reached, s.Completed, s.Dropped, s.DropOffPercent, s.DropOffPercentOfStarted, s.MedianDurationSeconds)));
    }

    /// <summary>
    /// Three started: A skipped at 5, resumed and completed it; B skipped at 2; C completed all. Step 2's drop-off
    /// is 1 of 3 reached (33.3 %) and 1 of 3 started (33.33 %); A is no drop-out at step 5.
    /// </summary>
    [Fact]
    public void AnOrganizationThatSkippedAStepAndLaterCompletedItIsNotADropOut()
    {
        var funnel = new WizardFunnel();
        List<OnboardingEvent> events = [Started("A"), Started("B"), Started("C"), Completed("B", 1, 10), Skipped("B", 2)];
        events.AddRange(Enumerable.Range(1, 5).Select(step => Completed("C", step, 10)));
        events.AddRange(Enumerable.Range(1, 4).Select(step => Completed("A", step, 10)));
        events.AddRange([Skipped("A", 5), Completed("A", 5, 10)]);
        foreach (var e in events)
        {
            funnel.Add(e);
        }

        var steps = funnel.Steps(5);

        Assert.Equal((3, 1, 33.3, 33.33), (steps[1].Reached, steps[1].Dropped, steps[1].DropOffPercent, steps[1].DropOffPercentOfStarted));
        Assert.Equal((2, 2, 0, 0.0, 0.0), (steps[4].Reached, steps[4].Completed, steps[4].Dropped, steps[4].DropOffPercent, steps[4].DropOffPercentOfStarted));
    }

    private static OnboardingEvent Started(string org) => new(Guid.NewGuid().ToString("N"), org, OnboardingEventTypes.WizardStarted, At);

    private static OnboardingEvent Completed(string org, int step, double seconds) =>
        new(Guid.NewGuid().ToString("N"), org, OnboardingEventTypes.WizardStepCompleted, At, WizardStepReached: step, StepDurationSeconds: seconds);

    private static OnboardingEvent Skipped(string org, int step) =>
        new(Guid.NewGuid().ToString("N"), org, OnboardingEventTypes.WizardSkipped, At, WizardStepDropped: step);
}
