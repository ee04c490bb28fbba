using System.Globalization;
using System.Text.Json;

namespace Onboarding.Events.Wire;

/// <summary>Turns a typed event into its wire form and its compact JSON bytes, checking the contract's rules.</summary>
internal static class EventWriter
{
    /// <exception cref="ArgumentException">The event breaks a rule of the contract.</exception>
    public static EventWire ToWire(OnboardingEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var fields = new EventFields(e.Data);
        e.Describe(fields);
        EventRules.Check(e, fields);
        return new EventWire(
            e.Id,
            e.OrganizationId,
            e.Type,
            e.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture),
            e.SessionId,
            e.UserAgent,
            e.Client,
            fields.WizardStepReached,
            fields.WizardStepDropped,
            fields.StepDurationSeconds,
            fields.CompletionTimeMinutes,
            fields.IsSample,
            fields.Data,
            e.UserId,
            e.Experiment,
            e.Variant);
    }

    /// <summary>The event as compact JSON: pure ASCII, so its byte count is its length on the queue.</summary>
    public static byte[] ToJsonBytes(OnboardingEvent e) =>
        JsonSerializer.SerializeToUtf8Bytes(ToWire(e), EventsJsonContext.Default.EventWire);
}
