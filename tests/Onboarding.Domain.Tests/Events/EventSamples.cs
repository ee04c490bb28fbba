using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;

namespace Onboarding.Domain.Tests.Events;

/// <summary>Valid wire events to start from, and the calls every event test makes, at one fixed clock.</summary>
internal static class EventSamples
{
    public static DateTimeOffset Now { get; } = new(2026, 3, 14, 9, 30, 0, TimeSpan.Zero);

    public static JsonObject StepCompleted(string id = "evt-1") => new()
    {
        ["id"] = id,
        ["organizationId"] = "org-42",
        ["type"] = OnboardingEventTypes.WizardStepCompleted,
        ["timestamp"] = "2026-03-14T09:00:00Z",
        ["wizardStepReached"] = 2,
    };

    public static JsonObject EventOfType(string type, string id = "evt-1") => new()
    {
        ["id"] = id,
        ["organizationId"] = "org-42",
        ["type"] = type,
        ["timestamp"] = "2026-03-14T09:00:00Z",
    };

    public static JsonObject Snapshot(JsonNode counts) =>
        EventOfType(OnboardingEventTypes.ActivitySnapshot, "snap-1").With("data", new JsonObject { ["counts"] = counts });

    public static JsonObject With(this JsonObject json, string name, JsonNode? value)
    {
        json[name] = value;
        return json;
    }

    public static JsonObject Without(this JsonObject json, string name)
    {
        json.Remove(name);
        return json;
    }

    public static EventValidation Validate(JsonNode json) => ValidateText(json.ToJsonString());

    public static EventValidation ValidateText(string json)
    {
        using var document = JsonDocument.Parse(json);
        return EventContract.ParseEvent(document.RootElement, Now, DefaultCatalog.Catalog);
    }

    public static ParsedMessage ParseMessage(string text) => EventMessageParser.Parse(text, Now, DefaultCatalog.Catalog);

    public static string Envelope(params JsonObject[] events) => new JsonObject { ["version"] = 1, ["events"] = new JsonArray(events) }.ToJsonString();

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
