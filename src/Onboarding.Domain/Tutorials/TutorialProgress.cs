namespace Onboarding.Domain.Tutorials;

/// <summary>
/// One organization's progress through one tutorial, created at its first start. Completed and
/// skipped exclude each other; a start after either is a replay that resets the run's progress.
/// </summary>
public sealed record TutorialProgress(
    string TutorialId,
    int StepsCompleted,
    DateTimeOffset FirstStartedAt,
    DateTimeOffset RunStartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? SkippedAt,
    int? SkippedAtStep,
    int ReplayCount,
    DateTimeOffset LastViewedAt)
{
    public bool IsCompleted => CompletedAt is not null;

    public bool IsSkipped => SkippedAt is not null;

    public bool IsInProgress => !IsCompleted && !IsSkipped;
}
