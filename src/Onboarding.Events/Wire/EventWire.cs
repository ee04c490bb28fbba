using System.Text.Json.Nodes;

namespace Onboarding.Events.Wire;

/// <summary>One event as it is written on the queue (camelCase, absent fields left out).</summary>
public sealed record EventWire(
    string Id,
    string OrganizationId,
    string Type,
    string Timestamp,
    string? SessionId = null,
    string? UserAgent = null,
    ClientInfo? Client = null,
    int? WizardStepReached = null,
    int? WizardStepDropped = null,
    double? StepDurationSeconds = null,
    double? CompletionTimeMinutes = null,
    bool? IsSample = null,
    JsonObject? Data = null,
    string? UserId = null,
    string? Experiment = null,
    string? Variant = null);
