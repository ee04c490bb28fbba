using System.Text.Json.Nodes;

namespace Onboarding.Events.Wire;

/// <summary>The type-specific wire fields an event fills in (<see cref="OnboardingEvent.Describe"/>).</summary>
internal sealed class EventFields(JsonObject? data)
{
    public int? WizardStepReached { get; set; }

    public int? WizardStepDropped { get; set; }

    public double? StepDurationSeconds { get; set; }

    public double? CompletionTimeMinutes { get; set; }

    public bool? IsSample { get; set; }

    /// <summary>A copy of the event's data with the typed fields added; the caller's object is never changed.</summary>
    public JsonObject? Data { get; private set; } = data?.DeepClone().AsObject();

    public void SetData(string name, string value)
    {
        Data ??= [];
        Data[name] = value;
    }

    public void SetCounts(ActivityCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var json = new JsonObject();
        Add(json, "events", counts.Events);
        Add(json, "teams", counts.Teams);
        Add(json, "volunteers", counts.Volunteers);
        Add(json, "assignments", counts.Assignments);
        Data ??= [];
        Data["counts"] = json;
    }

    public void SetCounts(IReadOnlyDictionary<string, long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var json = new JsonObject();
        foreach (var (name, count) in counts)
        {
            json[name] = count;
        }
        Data ??= [];
        Data["counts"] = json;
    }

    private static void Add(JsonObject json, string name, long? value)
    {
        if (value is { } count)
        {
            json[name] = count;
        }
    }
}
