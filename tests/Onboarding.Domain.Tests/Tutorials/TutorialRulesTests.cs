using Onboarding.Domain.Activity;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;
using Onboarding.Domain.Tutorials;
using static Onboarding.Domain.Tests.DomainResultAssert;

namespace Onboarding.Domain.Tests.Tutorials;

public sealed class TutorialRulesTests
{
    private const string EventsIntro = "events_intro"; // 4 steps in the shipped catalog
    private static readonly OnboardingCatalog Catalog = DefaultCatalog.Catalog;
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly OrganizationOnboarding _fresh = OrganizationOnboarding.New("org-tutorial-rules");

    [Fact]
    public void TheFirstStartCreatesProgressAtZeroAndEmitsTutorialStarted()
    {
        var change = Succeeded(TutorialRules.Start(_fresh, Catalog, EventsIntro, T0));

        Assert.Equal(new TutorialProgress(EventsIntro, 0, T0, T0, null, null, null, 0, T0), change.After.Tutorials[EventsIntro]);
        var started = Assert.Single(change.Events);
        Assert.Equal(OnboardingEventTypes.TutorialStarted, started.Type);
        Assert.Equal("org-tutorial-rules", started.OrganizationId);
        Assert.Equal(T0, started.Timestamp);
        Assert.Equal(EventsIntro, started.DataString("tutorialId"));
        Assert.False((bool)started.Data!["replay"]!);
        Assert.Equal(0, started.DataNumber("replayCount"));
    }

    [Fact]
    public void StartingARunInProgressKeepsItsProgressAndOnlyRecordsTheVisit()
    {
        var inProgress = Progressed(Started(_fresh, T0), 2, T0.AddMinutes(1));

        var change = Succeeded(TutorialRules.Start(inProgress, Catalog, EventsIntro, T0.AddMinutes(5)));

        Assert.Empty(change.Events);
        var progress = change.After.Tutorials[EventsIntro];
        Assert.Equal(2, progress.StepsCompleted);
        Assert.Equal(T0, progress.RunStartedAt);
        Assert.Equal(0, progress.ReplayCount);
        Assert.Equal(T0.AddMinutes(5), progress.LastViewedAt);
    }

    [Fact]
    public void StartingACompletedTutorialIsAReplayThatResetsTheRun()
    {
        var completed = Completed(Started(_fresh, T0), T0.AddMinutes(3));
        var replayAt = T0.AddDays(1);

        var change = Succeeded(TutorialRules.Start(completed, Catalog, EventsIntro, replayAt));

        Assert.Equal(new TutorialProgress(EventsIntro, 0, T0, replayAt, null, null, null, 1, replayAt), change.After.Tutorials[EventsIntro]);
        var started = Assert.Single(change.Events);
        Assert.Equal(OnboardingEventTypes.TutorialStarted, started.Type);
        Assert.True((bool)started.Data!["replay"]!);
        Assert.Equal(1, started.DataNumber("replayCount"));
    }

    [Fact]
    public void StartingASkippedTutorialIsAReplayThatClearsTheSkip()
    {
        var skipped = Succeeded(TutorialRules.Skip(Progressed(Started(_fresh, T0), 2, T0), Catalog, EventsIntro, null, T0.AddMinutes(1))).After;

        var change = Succeeded(TutorialRules.Start(skipped, Catalog, EventsIntro, T0.AddMinutes(2)));

        var progress = change.After.Tutorials[EventsIntro];
        Assert.Equal(TutorialStatus.InProgress, TutorialStatus.Of(progress));
        Assert.Equal((0, 1, (DateTimeOffset?)null, (int?)null), (progress.StepsCompleted, progress.ReplayCount, progress.SkippedAt, progress.SkippedAtStep));
        Assert.True((bool)Assert.Single(change.Events).Data!["replay"]!);
    }

    [Fact]
    public void EveryReplayIncrementsTheReplayCount()
    {
        var onboarding = Completed(Started(_fresh, T0), T0.AddMinutes(1));
        onboarding = Completed(Started(onboarding, T0.AddMinutes(2)), T0.AddMinutes(3));

        var change = Succeeded(TutorialRules.Start(onboarding, Catalog, EventsIntro, T0.AddMinutes(4)));

        Assert.Equal(2, change.After.Tutorials[EventsIntro].ReplayCount);
        Assert.Equal(2, Assert.Single(change.Events).DataNumber("replayCount"));
    }

    [Fact]
    public void EveryTutorialKeepsItsOwnProgress()
    {
        var onboarding = Progressed(Started(_fresh, T0), 3, T0);

        var change = Succeeded(TutorialRules.Start(onboarding, Catalog, "solver_run", T0.AddMinutes(1)));

        Assert.Equal(3, change.After.Tutorials[EventsIntro].StepsCompleted);
        Assert.Equal(0, change.After.Tutorials["solver_run"].StepsCompleted);
    }

    [Fact]
    public void RecordingProgressMovesTheRunForwardWithoutAnEvent()
    {
        var started = Started(_fresh, T0);

        var change = Succeeded(TutorialRules.RecordProgress(started, Catalog, EventsIntro, 3, T0.AddMinutes(1)));

        Assert.Empty(change.Events);
        Assert.Equal(3, change.After.Tutorials[EventsIntro].StepsCompleted);
        Assert.Equal(T0.AddMinutes(1), change.After.Tutorials[EventsIntro].LastViewedAt);
        Assert.Null(change.After.Tutorials[EventsIntro].CompletedAt);
    }

    [Fact]
    public void RecordingEveryStepIsAcceptedWithoutCompletingTheTutorial()
    {
        var change = Succeeded(TutorialRules.RecordProgress(Started(_fresh, T0), Catalog, EventsIntro, 4, T0));

        Assert.Equal(4, change.After.Tutorials[EventsIntro].StepsCompleted);
        Assert.True(change.After.Tutorials[EventsIntro].IsInProgress);
    }

    [Fact]
    public void RecordingProgressBeyondTheTotalIsUnprocessable()
    {
        var result = TutorialRules.RecordProgress(Started(_fresh, T0), Catalog, EventsIntro, 5, T0);

        var error = Assert.IsType<UnprocessableError>(result.Error);
        Assert.Equal("tutorial_progress_beyond_total", error.Code);
        Assert.Contains("4 steps", error.Message);
    }

    [Fact]
    public void NegativeProgressFailsValidationOfStepsCompleted()
    {
        var result = TutorialRules.RecordProgress(Started(_fresh, T0), Catalog, EventsIntro, -1, T0);

        var error = Assert.IsType<ValidationFailed>(result.Error);
        Assert.Equal(["stepsCompleted"], error.Errors.Keys);
    }

    [Fact]
    public void ProgressLowerThanBeforeIsAConflict()
    {
        var onboarding = Progressed(Started(_fresh, T0), 3, T0);

        var result = TutorialRules.RecordProgress(onboarding, Catalog, EventsIntro, 2, T0.AddMinutes(1));

        Assert.Equal("tutorial_progress_not_monotonic", Assert.IsType<ConflictError>(result.Error).Code);
    }

    [Fact]
    public void RepeatingTheCurrentProgressOnlyRecordsTheVisit()
    {
        var onboarding = Progressed(Started(_fresh, T0), 2, T0.AddMinutes(1));

        var change = Succeeded(TutorialRules.RecordProgress(onboarding, Catalog, EventsIntro, 2, T0.AddMinutes(7)));

        Assert.Empty(change.Events);
        Assert.Equal(onboarding.Tutorials[EventsIntro] with { LastViewedAt = T0.AddMinutes(7) }, change.After.Tutorials[EventsIntro]);
    }

    [Fact]
    public void RecordingProgressBeforeStartingIsAConflict()
    {
        var result = TutorialRules.RecordProgress(_fresh, Catalog, EventsIntro, 1, T0);

        Assert.Equal("tutorial_not_started", Assert.IsType<ConflictError>(result.Error).Code);
    }

    [Fact]
    public void RecordingProgressOnACompletedTutorialIsAConflictThatSaysToStartAgain()
    {
        var result = TutorialRules.RecordProgress(Completed(Started(_fresh, T0), T0), Catalog, EventsIntro, 4, T0.AddMinutes(1));

        var error = Assert.IsType<ConflictError>(result.Error);
        Assert.Equal("tutorial_not_in_progress", error.Code);
        Assert.Contains("start it again", error.Message);
    }

    [Fact]
    public void RecordingProgressOnASkippedTutorialIsAConflict()
    {
        var skipped = Succeeded(TutorialRules.Skip(_fresh, Catalog, EventsIntro, null, T0)).After;

        var result = TutorialRules.RecordProgress(skipped, Catalog, EventsIntro, 1, T0.AddMinutes(1));

        Assert.Equal("tutorial_not_in_progress", Assert.IsType<ConflictError>(result.Error).Code);
    }

    [Fact]
    public void CompletingARunFillsAllStepsAndReportsItsDuration()
    {
        var onboarding = Progressed(Started(_fresh, T0), 1, T0.AddSeconds(30));
        var at = T0.AddSeconds(150.7);

        var change = Succeeded(TutorialRules.Complete(onboarding, Catalog, EventsIntro, at));

        var progress = change.After.Tutorials[EventsIntro];
        Assert.Equal((4, (DateTimeOffset?)at, at), (progress.StepsCompleted, progress.CompletedAt, progress.LastViewedAt));
        var completed = Assert.Single(change.Events);
        Assert.Equal(OnboardingEventTypes.TutorialCompleted, completed.Type);
        Assert.Equal(at, completed.Timestamp);
        Assert.Equal(EventsIntro, completed.DataString("tutorialId"));
        Assert.Equal(150, completed.DataNumber("durationSeconds"));
        Assert.False((bool)completed.Data!["replay"]!);
    }

    [Fact]
    public void CompletingAReplayMeasuresTheReplayRunAndSaysItIsAReplay()
    {
        var replaying = Started(Completed(Started(_fresh, T0), T0.AddMinutes(10)), T0.AddDays(2));

        var change = Succeeded(TutorialRules.Complete(replaying, Catalog, EventsIntro, T0.AddDays(2).AddSeconds(42)));

        var completed = Assert.Single(change.Events);
        Assert.Equal(42, completed.DataNumber("durationSeconds"));
        Assert.True((bool)completed.Data!["replay"]!);
    }

    [Fact]
    public void CompletingBeforeStartingIsAConflict()
    {
        var result = TutorialRules.Complete(_fresh, Catalog, EventsIntro, T0);

        Assert.Equal("tutorial_not_started", Assert.IsType<ConflictError>(result.Error).Code);
    }

    [Fact]
    public void CompletingAfterASkipIsAConflict()
    {
        var skipped = Succeeded(TutorialRules.Skip(Started(_fresh, T0), Catalog, EventsIntro, null, T0.AddMinutes(1))).After;

        var result = TutorialRules.Complete(skipped, Catalog, EventsIntro, T0.AddMinutes(2));

        Assert.Equal("tutorial_skipped", Assert.IsType<ConflictError>(result.Error).Code);
    }

    [Fact]
    public void CompletingAfterASkipSucceedsOnceTheTutorialIsStartedAgain()
    {
        var skipped = Succeeded(TutorialRules.Skip(Started(_fresh, T0), Catalog, EventsIntro, null, T0.AddMinutes(1))).After;
        var restarted = Started(skipped, T0.AddMinutes(2));

        var change = Succeeded(TutorialRules.Complete(restarted, Catalog, EventsIntro, T0.AddMinutes(3)));

        Assert.Equal(TutorialStatus.Completed, TutorialStatus.Of(change.After.Tutorials[EventsIntro]));
        Assert.Null(change.After.Tutorials[EventsIntro].SkippedAt);
    }

    [Fact]
    public void CompletingTwiceIsAConflict()
    {
        var completed = Completed(Started(_fresh, T0), T0.AddMinutes(1));

        var result = TutorialRules.Complete(completed, Catalog, EventsIntro, T0.AddMinutes(2));

        Assert.Equal("tutorial_already_completed", Assert.IsType<ConflictError>(result.Error).Code);
    }

    [Fact]
    public void ATutorialNeverStartedCanBeSkipped()
    {
        var change = Succeeded(TutorialRules.Skip(_fresh, Catalog, "teams_setup", null, T0));

        Assert.Equal(new TutorialProgress("teams_setup", 0, T0, T0, null, T0, 0, 0, T0), change.After.Tutorials["teams_setup"]);
        var skipped = Assert.Single(change.Events);
        Assert.Equal(OnboardingEventTypes.TutorialSkipped, skipped.Type);
        Assert.Equal("teams_setup", skipped.DataString("tutorialId"));
        Assert.Equal(0, skipped.DataNumber("stepReached"));
    }

    [Fact]
    public void SkippingRecordsTheStepsCompletedSoFarWhenNoStepIsGiven()
    {
        var onboarding = Progressed(Started(_fresh, T0), 2, T0);

        var change = Succeeded(TutorialRules.Skip(onboarding, Catalog, EventsIntro, null, T0.AddMinutes(1)));

        Assert.Equal(2, change.After.Tutorials[EventsIntro].SkippedAtStep);
        Assert.Equal(T0.AddMinutes(1), change.After.Tutorials[EventsIntro].SkippedAt);
        Assert.Equal(2, Assert.Single(change.Events).DataNumber("stepReached"));
    }

    [Fact]
    public void SkippingRecordsTheStepReachedTheClientReports()
    {
        var change = Succeeded(TutorialRules.Skip(Started(_fresh, T0), Catalog, EventsIntro, 3, T0));

        Assert.Equal(3, change.After.Tutorials[EventsIntro].SkippedAtStep);
        Assert.Equal(3, Assert.Single(change.Events).DataNumber("stepReached"));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public void AStepReachedOutsideTheTutorialFailsValidation(int stepReached)
    {
        var result = TutorialRules.Skip(Started(_fresh, T0), Catalog, EventsIntro, stepReached, T0);

        var error = Assert.IsType<ValidationFailed>(result.Error);
        Assert.Equal(["stepReached"], error.Errors.Keys);
    }

    [Fact]
    public void SkippingACompletedTutorialIsAConflict()
    {
        var result = TutorialRules.Skip(Completed(Started(_fresh, T0), T0), Catalog, EventsIntro, null, T0.AddMinutes(1));

        Assert.Equal("tutorial_already_completed", Assert.IsType<ConflictError>(result.Error).Code);
    }

    [Fact]
    public void SkippingTwiceIsAConflict()
    {
        var skipped = Succeeded(TutorialRules.Skip(_fresh, Catalog, EventsIntro, null, T0)).After;

        var result = TutorialRules.Skip(skipped, Catalog, EventsIntro, null, T0.AddMinutes(1));

        Assert.Equal("tutorial_already_skipped", Assert.IsType<ConflictError>(result.Error).Code);
    }

    public static TheoryData<string> Actions => ["start", "progress", "complete", "skip"];

    [Theory]
    [MemberData(nameof(Actions))]
    public void AnUnknownTutorialIsNotFound(string action)
    {
        var result = action switch
        {
            "start" => TutorialRules.Start(_fresh, Catalog, "time_travel", T0),
            "progress" => TutorialRules.RecordProgress(_fresh, Catalog, "time_travel", 1, T0),
            "complete" => TutorialRules.Complete(_fresh, Catalog, "time_travel", T0),
            _ => TutorialRules.Skip(_fresh, Catalog, "time_travel", null, T0),
        };

        var error = Assert.IsType<NotFoundError>(result.Error);
        Assert.Equal("tutorial_not_found", error.Code);
        Assert.Contains("time_travel", error.Message);
    }

    [Fact]
    public void TheRulesLeaveTheActivityCountersToTheCaller()
    {
        var change = Succeeded(TutorialRules.Start(_fresh, Catalog, EventsIntro, T0));

        Assert.Single(change.Events);
        Assert.Same(ActivityCounters.Empty, change.After.Activity);
    }

    private static OrganizationOnboarding Started(OrganizationOnboarding onboarding, DateTimeOffset at) =>
        Succeeded(TutorialRules.Start(onboarding, Catalog, EventsIntro, at)).After;

    private static OrganizationOnboarding Progressed(OrganizationOnboarding onboarding, int steps, DateTimeOffset at) =>
        Succeeded(TutorialRules.RecordProgress(onboarding, Catalog, EventsIntro, steps, at)).After;

    private static OrganizationOnboarding Completed(OrganizationOnboarding onboarding, DateTimeOffset at) =>
        Succeeded(TutorialRules.Complete(onboarding, Catalog, EventsIntro, at)).After;
}
