using System.Text.Json.Nodes;

namespace Onboarding.Domain.Events;

/// <summary>The browser, OS and device class a user agent is reduced to; the raw string is never kept.</summary>
public sealed record ClientInfo(string Browser, string? BrowserMajorVersion, string OperatingSystem, string DeviceClass);

/// <summary>
/// One onboarding or activity event of an organization: the append-only stream that metrics and the
/// checklist are computed from. <paramref name="Id"/> is unique per organization and makes storage idempotent.
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
    JsonObject? Data = null)
{
    /// <summary>A data value as text, when present.</summary>
    public string? DataString(string key) => Data?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A data value as a whole number, when present.</summary>
    public long? DataNumber(string key) => Data?[key] is JsonValue value && value.TryGetValue<long>(out var number) ? number
        : Data?[key] is JsonValue d && d.TryGetValue<double>(out var real) && real == Math.Floor(real) ? (long)real : null;
}
