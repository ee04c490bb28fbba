using System.Globalization;
using System.Text.Json;

namespace Onboarding.Functions.Hosting;

/// <summary>
/// Reads trigger inputs out of the host's invocation payload, and builds payloads of the same shape
/// for the local driver. The host JSON-encodes values a second time: <c>"message":"\"{\\\"id\\\":1}\""</c>,
/// <c>"DequeueCount":"4"</c>; both that and the plain forms of the documentation samples are accepted.
/// </summary>
public static class InvocationPayload
{
    /// <exception cref="InvalidInvocationException">The payload has no usable queue message.</exception>
    public static QueueTriggerMessage ReadQueueMessage(InvocationRequest request)
    {
        if (request.Data is null || !request.Data.TryGetValue(QueueFunctionTrigger.BindingName, out var data))
        {
            throw new InvalidInvocationException($"The invocation has no Data.{QueueFunctionTrigger.BindingName}.");
        }
        var metadata = request.Metadata ?? new Dictionary<string, JsonElement>();
        return new QueueTriggerMessage(
            MessageText(data),
            Text(metadata, "Id"),
            long.TryParse(Text(metadata, "DequeueCount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 1,
            Date(metadata, "InsertionTime"),
            Date(metadata, "ExpirationTime"),
            Date(metadata, "NextVisibleTime"),
            Text(metadata, "PopReceipt"));
    }

    /// <exception cref="InvalidInvocationException">The payload has no usable timer object.</exception>
    public static TimerTriggerInfo ReadTimer(InvocationRequest request)
    {
        if (request.Data is null || !request.Data.TryGetValue(TimerFunctionTrigger.BindingName, out var data))
        {
            throw new InvalidInvocationException($"The invocation has no Data.{TimerFunctionTrigger.BindingName}.");
        }
        var timer = Unwrap(data);
        if (timer.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInvocationException("Data.timer is not a timer object.");
        }
        var status = Property(timer, "ScheduleStatus");
        return new TimerTriggerInfo(
            Property(timer, "IsPastDue") is { ValueKind: JsonValueKind.True },
            DateOf(Property(status, "Last")),
            DateOf(Property(status, "Next")),
            DateOf(Property(status, "LastUpdated")));
    }

    /// <summary>A queue invocation as the host sends it, for the local driver.</summary>
    public static InvocationRequest ForQueueMessage(string messageText, string id, long dequeueCount, DateTimeOffset? insertionTime,
        DateTimeOffset? expirationTime, DateTimeOffset? nextVisibleTime, string popReceipt, DateTimeOffset utcNow) => new(
        new Dictionary<string, JsonElement>
        {
            [QueueFunctionTrigger.BindingName] = DoubleEncoded(JsonSerializer.Serialize(messageText)),
        },
        new Dictionary<string, JsonElement>
        {
            ["DequeueCount"] = DoubleEncoded(dequeueCount.ToString(CultureInfo.InvariantCulture)),
            ["Id"] = DoubleEncoded(JsonSerializer.Serialize(id)),
            ["PopReceipt"] = DoubleEncoded(JsonSerializer.Serialize(popReceipt)),
            ["InsertionTime"] = DateElement(insertionTime),
            ["ExpirationTime"] = DateElement(expirationTime),
            ["NextVisibleTime"] = DateElement(nextVisibleTime),
            ["sys"] = Sys("QueueTrigger", utcNow),
        });

    /// <summary>A timer invocation as the host sends it, for the local driver.</summary>
    public static InvocationRequest ForTimer(TimerTriggerInfo timer, DateTimeOffset utcNow)
    {
        var timerJson = JsonSerializer.Serialize(new
        {
            Schedule = new { AdjustForDST = false },
            ScheduleStatus = new { timer.Last, timer.Next, timer.LastUpdated },
            timer.IsPastDue,
        });
        return new InvocationRequest(
            new Dictionary<string, JsonElement> { [TimerFunctionTrigger.BindingName] = DoubleEncoded(timerJson) },
            new Dictionary<string, JsonElement> { ["sys"] = Sys("TimerTrigger", utcNow) });
    }

    private static string MessageText(JsonElement data) => data.ValueKind switch
    {
        JsonValueKind.String when TryParse(data.GetString()!, out var inner) && inner.ValueKind == JsonValueKind.String => inner.GetString()!,
        JsonValueKind.String => data.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => throw new InvalidInvocationException("The queue message is null."),
        _ => data.GetRawText(),
    };

    /// <summary>A string that holds JSON is parsed once more; anything else is returned as is.</summary>
    private static JsonElement Unwrap(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && TryParse(value.GetString()!, out var inner) ? inner : value;

    private static string? Text(IReadOnlyDictionary<string, JsonElement> metadata, string name)
    {
        if (!metadata.TryGetValue(name, out var value))
        {
            return null;
        }
        var unwrapped = Unwrap(value);
        return unwrapped.ValueKind switch
        {
            JsonValueKind.String => unwrapped.GetString(),
            JsonValueKind.Null => null,
            _ => unwrapped.GetRawText(),
        };
    }

    private static DateTimeOffset? Date(IReadOnlyDictionary<string, JsonElement> metadata, string name) =>
        metadata.TryGetValue(name, out var value) ? DateOf(Unwrap(value)) : null;

    private static DateTimeOffset? DateOf(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.String } text
        && DateTimeOffset.TryParse(text.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;

    private static JsonElement? Property(JsonElement? value, string name) =>
        value is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(name, out var property) ? property : null;

    private static bool TryParse(string text, out JsonElement element)
    {
        element = default;
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length == 0 || (trimmed[0] != '"' && trimmed[0] != '{' && trimmed[0] != '[' && !char.IsDigit(trimmed[0])))
        {
            return false;
        }
        try
        {
            element = JsonSerializer.Deserialize<JsonElement>(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonElement DoubleEncoded(string json) => JsonSerializer.SerializeToElement(json);

    private static JsonElement DateElement(DateTimeOffset? value) =>
        JsonSerializer.SerializeToElement(value?.ToString("O", CultureInfo.InvariantCulture));

    private static JsonElement Sys(string methodName, DateTimeOffset utcNow) => JsonSerializer.SerializeToElement(new
    {
        MethodName = methodName,
        UtcNow = utcNow.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        RandGuid = Guid.NewGuid().ToString("D"),
    });
}

/// <summary>The host's payload lacks what the trigger needs; answered with 400, the invocation fails.</summary>
public sealed class InvalidInvocationException(string message) : Exception(message);
