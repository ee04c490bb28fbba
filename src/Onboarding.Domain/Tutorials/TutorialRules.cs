using System.Text.Json.Nodes;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;

namespace Onboarding.Domain.Tutorials;

/// <summary>
/// The rules of the interactive tutorials: start (or replay), record progress, complete, skip.
/// A tutorial's progress is created lazily at its first start or skip. Every accepted action
/// stamps <see cref="TutorialProgress.LastViewedAt"/>; refused actions change nothing.
/// The events returned are not yet applied to the activity counters: the caller records them.
/// </summary>
public static class TutorialRules
{
    /// <summary>
    /// Starts a run. The first start creates the progress; a start after completion or skip is a replay
    /// that resets the run; a start while a run is in progress only records the visit (no event).
    /// </summary>
    public static DomainResult<OnboardingChange> Start(OrganizationOnboarding onboarding, OnboardingCatalog catalog, string tutorialId, DateTimeOffset now)
    {
        if (catalog.Tutorial(tutorialId) is null)
        {
            return NotFound(tutorialId);
        }
        var current = onboarding.Tutorials.GetValueOrDefault(tutorialId);
        if (current is { IsInProgress: true })
        {
            return OnboardingChange.None(With(onboarding, current with { LastViewedAt = now }));
        }
        var started = current is null
            ? new TutorialProgress(tutorialId, 0, now, now, null, null, null, 0, now)
            : current with
            {
                StepsCompleted = 0,
                RunStartedAt = now,
                CompletedAt = null,
                SkippedAt = null,
                SkippedAtStep = null,
                ReplayCount = current.ReplayCount + 1,
                LastViewedAt = now,
            };
        var data = new JsonObject
        {
            ["tutorialId"] = tutorialId,
            ["replay"] = current is not null,
            ["replayCount"] = started.ReplayCount,
        };
        return Changed(onboarding, started, OnboardingEventTypes.TutorialStarted, data, now);
    }

    /// <summary>
    /// Records how many steps of the current run are done. Progress only moves forward; repeating the
    /// current count is accepted and only records the visit. Causes no event.
    /// </summary>
    public static DomainResult<OnboardingChange> RecordProgress(
        OrganizationOnboarding onboarding, OnboardingCatalog catalog, string tutorialId, int stepsCompleted, DateTimeOffset now)
    {
        if (catalog.Tutorial(tutorialId) is not { } tutorial)
        {
            return NotFound(tutorialId);
        }
        // Input that can never be right is refused before the state is consulted, so the same body always gets the same answer.
        if (stepsCompleted < 0)
        {
            return new ValidationFailed(new Dictionary<string, string[]>
            {
                ["stepsCompleted"] = ["stepsCompleted must be 0 or more."],
            });
        }
        if (stepsCompleted > tutorial.StepCount)
        {
            return new UnprocessableError(
                "tutorial_progress_beyond_total",
                $"Tutorial '{tutorialId}' has {tutorial.StepCount} steps; {stepsCompleted} steps cannot be completed.");
        }
        if (onboarding.Tutorials.GetValueOrDefault(tutorialId) is not { } current)
        {
            return NotStarted(tutorialId);
        }
        if (!current.IsInProgress)
        {
            return new ConflictError(
                "tutorial_not_in_progress",
                $"Tutorial '{tutorialId}' is {(current.IsCompleted ? "completed" : "skipped")}; start it again to record progress.");
        }
        if (stepsCompleted < current.StepsCompleted)
        {
            return new ConflictError(
                "tutorial_progress_not_monotonic",
                $"Tutorial '{tutorialId}' already has {current.StepsCompleted} steps completed; progress cannot go back to {stepsCompleted}.");
        }
        return OnboardingChange.None(With(onboarding, current with { StepsCompleted = stepsCompleted, LastViewedAt = now }));
    }

    /// <summary>Completes the current run: all steps done, with the run's duration in the event.</summary>
    public static DomainResult<OnboardingChange> Complete(OrganizationOnboarding onboarding, OnboardingCatalog catalog, string tutorialId, DateTimeOffset now)
    {
        if (catalog.Tutorial(tutorialId) is not { } tutorial)
        {
            return NotFound(tutorialId);
        }
        switch (onboarding.Tutorials.GetValueOrDefault(tutorialId))
        {
            case null:
                return NotStarted(tutorialId);
            case { IsSkipped: true }:
                return new ConflictError("tutorial_skipped", $"Tutorial '{tutorialId}' was skipped; start it again to complete it.");
            case { IsCompleted: true }:
                return AlreadyCompleted(tutorialId);
            case var current:
                var completed = current with { StepsCompleted = tutorial.StepCount, CompletedAt = now, LastViewedAt = now };
                var data = new JsonObject
                {
                    ["tutorialId"] = tutorialId,
                    // Clocks of different servers may disagree by a little; a run never lasts less than nothing.
                    ["durationSeconds"] = Math.Max(0L, (long)(now - current.RunStartedAt).TotalSeconds),
                    ["replay"] = current.ReplayCount > 0,
                };
                return Changed(onboarding, completed, OnboardingEventTypes.TutorialCompleted, data, now);
        }
    }

    /// <summary>
    /// Skips a tutorial, whether a run is in progress or it was never started (then its progress is
    /// created here). <paramref name="stepReached"/> defaults to the steps completed so far.
    /// </summary>
    public static DomainResult<OnboardingChange> Skip(
        OrganizationOnboarding onboarding, OnboardingCatalog catalog, string tutorialId, int? stepReached, DateTimeOffset now)
    {
        if (catalog.Tutorial(tutorialId) is not { } tutorial)
        {
            return NotFound(tutorialId);
        }
        if (stepReached is < 0 || stepReached > tutorial.StepCount)
        {
            return new ValidationFailed(new Dictionary<string, string[]>
            {
                ["stepReached"] = [$"stepReached must be between 0 and {tutorial.StepCount}."],
            });
        }
        var current = onboarding.Tutorials.GetValueOrDefault(tutorialId);
        if (current is { IsCompleted: true })
        {
            return AlreadyCompleted(tutorialId);
        }
        if (current is { IsSkipped: true })
        {
            return new ConflictError("tutorial_already_skipped", $"Tutorial '{tutorialId}' is already skipped.");
        }
        var run = current ?? new TutorialProgress(tutorialId, 0, now, now, null, null, null, 0, now);
        var reached = stepReached ?? run.StepsCompleted;
        var skipped = run with { SkippedAt = now, SkippedAtStep = reached, LastViewedAt = now };
        var data = new JsonObject
        {
            ["tutorialId"] = tutorialId,
            ["stepReached"] = reached,
        };
        return Changed(onboarding, skipped, OnboardingEventTypes.TutorialSkipped, data, now);
    }

    private static OrganizationOnboarding With(OrganizationOnboarding onboarding, TutorialProgress progress) =>
        onboarding with { Tutorials = onboarding.Tutorials.SetItem(progress.TutorialId, progress) };

    private static OnboardingChange Changed(OrganizationOnboarding onboarding, TutorialProgress progress, string eventType, JsonObject data, DateTimeOffset now) =>
        new(With(onboarding, progress), [new OnboardingEvent(EventIds.New(now), onboarding.OrganizationId, eventType, now, Data: data)]);

    private static NotFoundError NotFound(string tutorialId) =>
        new("tutorial_not_found", $"There is no tutorial '{tutorialId}'.");

    private static ConflictError NotStarted(string tutorialId) =>
        new("tutorial_not_started", $"Tutorial '{tutorialId}' has not been started; start it first.");

    private static ConflictError AlreadyCompleted(string tutorialId) =>
        new("tutorial_already_completed", $"Tutorial '{tutorialId}' is already completed; start it again to replay it.");
}
