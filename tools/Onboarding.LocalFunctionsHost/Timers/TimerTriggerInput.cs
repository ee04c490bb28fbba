using System.Globalization;
using System.Text.Json;
using Onboarding.LocalFunctionsHost.Invocation;
using Onboarding.LocalFunctionsHost.Metadata;
using Onboarding.LocalFunctionsHost.Rpc;

namespace Onboarding.LocalFunctionsHost.Timers;

/// <summary>
/// The TimerInfo JSON the Functions host sends:
/// <c>{"Schedule":{"AdjustForDST":…},"ScheduleStatus":{"Last","Next","LastUpdated"}|null,"IsPastDue":…}</c>,
/// plus trigger metadata <c>TimerTrigger</c> (the current time as text).
/// </summary>
public static class TimerTriggerInput
{
    public static InvocationInput Create(FunctionDefinition function, bool isCron, ScheduleStatus? status, bool isPastDue, DateTimeOffset now, string reason)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("Schedule");
            json.WriteBoolean("AdjustForDST", isCron);
            json.WriteEndObject();
            if (status is null)
            {
                json.WriteNull("ScheduleStatus");
            }
            else
            {
                json.WriteStartObject("ScheduleStatus");
                json.WriteString("Last", TypedDataValues.IsoDate(status.Last));
                json.WriteString("Next", TypedDataValues.IsoDate(status.Next));
                json.WriteString("LastUpdated", TypedDataValues.IsoDate(status.LastUpdated));
                json.WriteEndObject();
            }
            json.WriteBoolean("IsPastDue", isPastDue);
            json.WriteEndObject();
        }
        var payload = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        var trigger = new ParameterBinding { Name = function.Trigger.Name, Data = TypedDataValues.Json(payload) };
        var metadata = new Dictionary<string, TypedData>
        {
            ["TimerTrigger"] = TypedDataValues.String(now.UtcDateTime.ToString(CultureInfo.InvariantCulture)),
        };
        return new InvocationInput(InvocationInput.NewInvocationId(), reason, [trigger], metadata);
    }
}
