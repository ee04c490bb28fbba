using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Domain.Catalog;

namespace Onboarding.Domain.Events;

/// <summary>What each event type needs beyond the common fields: the wizard step, the data keys its consumers read, whether it may be sample data.</summary>
internal static class EventTypeRules
{
    private static readonly Dictionary<string, string> RequiredDataString = new(StringComparer.Ordinal)
    {
        [OnboardingEventTypes.FeatureUnlocked] = "feature",
        [OnboardingEventTypes.TutorialStarted] = "tutorialId",
        [OnboardingEventTypes.TutorialCompleted] = "tutorialId",
        [OnboardingEventTypes.TutorialSkipped] = "tutorialId",
        [OnboardingEventTypes.ChecklistTaskCompleted] = "taskId",
    };

    /// <summary>
    /// Adds a problem for each rule of <paramref name="type"/> the event breaks. A field that already has a
    /// problem of its own is not reported again.
    /// </summary>
    public static void Check(string type, int? wizardStepReached, int? wizardStepDropped, bool isSample, JsonObject? data, EventFieldReader read, ActivityCatalog activity)
    {
        if (type == OnboardingEventTypes.WizardStepCompleted && wizardStepReached is null && !read.HasProblem("wizardStepReached"))
        {
            read.Problem("wizardStepReached", $"required for {type} events");
        }
        if (type == OnboardingEventTypes.WizardSkipped && wizardStepDropped is null && !read.HasProblem("wizardStepDropped"))
        {
            read.Problem("wizardStepDropped", $"required for {type} events");
        }
        // Sample activity is how demo data is counted apart; nothing else has a sample variant.
        if (isSample && !activity.MayBeSample(type))
        {
            read.Problem("isSample", $"only the catalog's sampleable creation and deletion activity ({string.Join(", ", activity.SampleableTypes)}) can be sample data");
        }
        if (read.HasProblem("data"))
        {
            return;
        }
        if (RequiredDataString.TryGetValue(type, out var key) && !IsNonEmptyString(data?[key]))
        {
            read.Problem($"data.{key}", $"required for {type} events (a non-empty string)");
        }
        if (type == OnboardingEventTypes.ActivitySnapshot)
        {
            CheckSnapshotCounts(data?["counts"], read, activity.SnapshotKeys);
        }
    }

    private static void CheckSnapshotCounts(JsonNode? counts, EventFieldReader read, IReadOnlyList<string> keys)
    {
        var names = string.Join(", ", keys);
        if (counts is not JsonObject countsObject)
        {
            read.Problem("data.counts", $"required for activity_snapshot events (an object with one or more of {names})");
            return;
        }
        foreach (var (name, value) in countsObject)
        {
            if (!keys.Contains(name))
            {
                read.Problem($"data.counts.{EventFieldReader.EchoableName(name)}", $"not a counter (use {names})");
            }
            else if (!(value is JsonValue number && number.GetValueKind() == JsonValueKind.Number && number.TryGetValue<long>(out var count) && count >= 0))
            {
                read.Problem($"data.counts.{name}", "expected a whole number of at least 0");
            }
        }
        if (!countsObject.Any(c => keys.Contains(c.Key)))
        {
            read.Problem("data.counts", $"needs one or more of {names}");
        }
    }

    private static bool IsNonEmptyString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Length > 0;
}
