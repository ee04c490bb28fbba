using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Onboarding.Domain.Events;

/// <summary>The browser, OS and device class a user agent is reduced to; the raw string is never kept.</summary>
public sealed record ClientInfo(string Browser, string? BrowserMajorVersion, string OperatingSystem, string DeviceClass);

/// <summary>
/// One onboarding or activity event of an organization: the append-only stream that metrics and the
/// checklist are computed from. <paramref name="Id"/> is unique per organization and makes storage idempotent.
/// <paramref name="UserKey"/> is the acting user's pseudonym (never the user id); <paramref name="Experiment"/> and
/// <paramref name="Variant"/> name the experiment variant the event was seen under.
/// </summary>
public sealed record OnboardingEvent(
    string Id,
    string OrganizationId,
    string Type,
    DateTimeOffset Timestamp,
    string? SessionId = null,
    ClientInfo? Client = null,
    int? WizardStepReached = null,
    int? WizardStepDropped = null,
    double? StepDurationSeconds = null,
    double? CompletionTimeMinutes = null,
    bool IsSample = false,
    JsonObject? Data = null,
    string? UserKey = null,
    string? Experiment = null,
    string? Variant = null)
{
    /// <summary>A data value as text, when present.</summary>
    public string? DataString(string key) => Data?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A data value as a whole number, when present.</summary>
    public long? DataNumber(string key) =>
        // Read through the JSON text: a value built in memory keeps its CLR type (an int is not TryGetValue<long>), a parsed one does not.
        Data?[key] is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && number == decimal.Truncate(number) && number is >= long.MinValue and <= long.MaxValue
            ? (long)number
            : null;
}
