using Onboarding.Domain.SampleData;
using Onboarding.Domain.State;

namespace Onboarding.Domain.Catalog;

/// <summary>
/// The onboarding-state fields a <c>state_check</c> criterion may read, each as a number
/// (true = 1, false = 0), so that every comparison operator applies.
/// </summary>
public static class StateFields
{
    private static readonly Dictionary<string, Func<OrganizationOnboarding, int, double>> Readers = new(StringComparer.Ordinal)
    {
        ["wizard.started"] = (o, _) => Flag(o.State.Wizard.IsStarted),
        ["wizard.completed"] = (o, _) => Flag(o.State.Wizard.IsCompleted),
        ["wizard.skipped"] = (o, _) => Flag(o.State.Wizard.IsSkipped),
        ["wizard.completedSteps"] = (o, _) => o.State.Wizard.Steps.Count,
        ["wizard.currentStep"] = (o, stepCount) => o.State.Wizard.CurrentStep(stepCount) ?? stepCount + 1,
        ["sampleData.active"] = (o, _) => Flag(o.State.SampleData.Status == SampleDataStatus.Active),
        ["sampleData.generated"] = (o, _) => Flag(o.State.SampleData.GeneratedAt is not null),
        ["features.showAll"] = (o, _) => Flag(o.State.Features.ShowAll),
        ["features.unlocked"] = (o, _) => o.State.Features.Unlocked.Count,
        ["tutorials.completed"] = (o, _) => o.Tutorials.Values.Count(t => t.IsCompleted),
    };

    public static IEnumerable<string> Names => Readers.Keys;

    public static bool IsKnown(string field) => Readers.ContainsKey(field);

    /// <exception cref="ArgumentException">The field is not one of <see cref="Names"/>.</exception>
    public static double Read(OrganizationOnboarding onboarding, string field, int wizardStepCount) =>
        Readers.TryGetValue(field, out var read)
            ? read(onboarding, wizardStepCount)
            : throw new ArgumentException($"Unknown state field '{field}'.", nameof(field));

    private static double Flag(bool value) => value ? 1 : 0;
}
