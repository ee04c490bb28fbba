using System.Text.Json.Nodes;
using Onboarding.Domain.Events;

namespace Onboarding.Functions.Http;

/// <summary>An onboarding event as responses show it (the events a change caused).</summary>
public sealed record EventView(
    string Id,
    string Type,
    DateTimeOffset Timestamp,
    int? WizardStepReached,
    int? WizardStepDropped,
    double? StepDurationSeconds,
    double? CompletionTimeMinutes,
    JsonObject? Data)
{
    public static EventView From(OnboardingEvent e) => new(
        e.Id, e.Type, e.Timestamp, e.WizardStepReached, e.WizardStepDropped, e.StepDurationSeconds, e.CompletionTimeMinutes,
        e.Data?.DeepClone().AsObject());

    public static IReadOnlyList<EventView> From(IEnumerable<OnboardingEvent> events) => [.. events.Select(From)];
}
