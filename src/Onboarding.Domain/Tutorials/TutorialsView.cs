using Onboarding.Domain.Catalog;
using Onboarding.Domain.State;

namespace Onboarding.Domain.Tutorials;

/// <summary>The wire values of a tutorial's status.</summary>
public static class TutorialStatus
{
    public const string NotStarted = "not_started";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Skipped = "skipped";

    public static string Of(TutorialProgress? progress) => progress switch
    {
        null => NotStarted,
        { IsCompleted: true } => Completed,
        { IsSkipped: true } => Skipped,
        _ => InProgress,
    };
}

/// <summary>One tutorial as the organization sees it: the catalog's definition joined with its progress, if any.</summary>
public sealed record TutorialView(
    string TutorialId,
    string TitleKey,
    int Order,
    string Status,
    int StepsCompleted,
    int TotalSteps,
    DateTimeOffset? FirstStartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? SkippedAt,
    int? SkippedAtStep,
    int ReplayCount,
    DateTimeOffset? LastViewedAt);

/// <summary>Every tutorial of the catalog, in catalog order, with the organization's progress.</summary>
public sealed record TutorialsView(IReadOnlyList<TutorialView> Tutorials, int CompletedCount, int TotalCount)
{
    public static TutorialsView From(OrganizationOnboarding onboarding, OnboardingCatalog catalog)
    {
        var tutorials = catalog.Tutorials
            .OrderBy(t => t.Order)
            .Select(t => ViewOf(t, onboarding.Tutorials.GetValueOrDefault(t.Id)))
            .ToList();
        return new TutorialsView(tutorials, tutorials.Count(t => t.Status == TutorialStatus.Completed), tutorials.Count);
    }

    private static TutorialView ViewOf(TutorialDefinition tutorial, TutorialProgress? progress) => new(
        tutorial.Id,
        tutorial.TitleKey,
        tutorial.Order,
        TutorialStatus.Of(progress),
        // A catalog override may shorten a tutorial after an organization went further; never report more than the total.
        Math.Min(progress?.StepsCompleted ?? 0, tutorial.StepCount),
        tutorial.StepCount,
        progress?.FirstStartedAt,
        progress?.CompletedAt,
        progress?.SkippedAt,
        progress?.SkippedAtStep,
        progress?.ReplayCount ?? 0,
        progress?.LastViewedAt);
}
