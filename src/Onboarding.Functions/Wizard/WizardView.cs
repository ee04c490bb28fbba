using System.Text.Json;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Wizard;
using Onboarding.Functions.Http;

namespace Onboarding.Functions.Wizard;

/// <summary>The wizard as the frontend renders it: where the organization is, and each step's fields and saved data.</summary>
public sealed record WizardView(
    string Status,
    int? CurrentStep,
    int TotalSteps,
    int CompletedSteps,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    double? CompletionMinutes,
    DateTimeOffset? SkippedAt,
    int? DroppedAtStep,
    IReadOnlyList<WizardStepView> Steps)
{
    public static WizardView From(WizardState wizard, OnboardingCatalog catalog) => new(
        wizard.IsCompleted ? "completed" : wizard.IsSkipped ? "skipped" : wizard.IsStarted ? "in_progress" : "not_started",
        wizard.CurrentStep(catalog.WizardStepCount),
        catalog.WizardStepCount,
        wizard.Steps.Count,
        wizard.StartedAt,
        wizard.CompletedAt,
        wizard.CompletionMinutes,
        wizard.SkippedAt,
        wizard.DroppedAtStep,
        [.. catalog.WizardSteps.Select(step => WizardStepView.From(step, wizard.Steps.GetValueOrDefault(step.Number)))]);
}

public sealed record WizardStepView(
    int Number,
    string Key,
    string TitleKey,
    string DescriptionKey,
    bool Completed,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? LastSubmittedAt,
    JsonElement? Data,
    IReadOnlyList<WizardFieldView> Fields)
{
    public static WizardStepView From(WizardStepDefinition step, WizardStepState? state) => new(
        step.Number, step.Key, step.TitleKey, step.DescriptionKey,
        state is not null, state?.CompletedAt, state?.LastSubmittedAt,
        state is null ? null : JsonDocument.Parse(state.DataJson).RootElement.Clone(),
        [.. step.Fields.Select(WizardFieldView.From)]);
}

/// <summary>A field's rule, so forms can be rendered and checked before submitting.</summary>
public sealed record WizardFieldView(string Name, string Type, bool Required, int? MinLength, int? MaxLength, long? Min, long? Max, IReadOnlyList<string>? Choices)
{
    public static WizardFieldView From(FieldRule rule) => new(
        rule.Name, JsonNamingPolicy.CamelCase.ConvertName(rule.Type.ToString()), rule.Required,
        rule.MinLength, rule.MaxLength, rule.Min, rule.Max, rule.Choices);
}

/// <summary>The answer to a wizard change: the wizard afterwards and the events the change caused.</summary>
public sealed record WizardChangeView(WizardView Wizard, IReadOnlyList<EventView> Events);
