using System.Collections.Immutable;

namespace Onboarding.Domain.Wizard;

/// <summary>One submitted wizard step: its data as canonical JSON, when first completed, when last edited.</summary>
public sealed record WizardStepState(string DataJson, DateTimeOffset CompletedAt, DateTimeOffset LastSubmittedAt);

/// <summary>
/// The setup wizard of one organization. The current step is the first incomplete one; completing
/// the last step completes the wizard; a skip records the step where the user dropped.
/// </summary>
public sealed record WizardState(
    ImmutableSortedDictionary<int, WizardStepState> Steps,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    double? CompletionMinutes,
    DateTimeOffset? SkippedAt,
    int? DroppedAtStep)
{
    public static WizardState NotStarted { get; } = new(ImmutableSortedDictionary<int, WizardStepState>.Empty, null, null, null, null, null);

    public bool IsStarted => StartedAt is not null;

    public bool IsCompleted => CompletedAt is not null;

    public bool IsSkipped => SkippedAt is not null;

    /// <summary>The first incomplete step of <paramref name="stepCount"/>, or null once all are complete.</summary>
    public int? CurrentStep(int stepCount)
    {
        for (var step = 1; step <= stepCount; step++)
        {
            if (!Steps.ContainsKey(step))
            {
                return step;
            }
        }
        return null;
    }
}
