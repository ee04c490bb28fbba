using System.Text;
using Azure.Storage.Queues.Models;
using Onboarding.LocalFunctionsHost.Invocation;
using Onboarding.LocalFunctionsHost.Metadata;
using Onboarding.LocalFunctionsHost.Rpc;

namespace Onboarding.LocalFunctionsHost.Queues;

/// <summary>
/// The InvocationRequest content for a queue message: the body as <c>string</c> (or <c>bytes</c> for
/// <c>dataType: Binary</c>), and the trigger metadata in the TypedData types the Functions host uses.
/// </summary>
public static class QueueTriggerInput
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Null when the function wants a string and the body is not valid UTF-8 (a binding error: the invocation fails).</summary>
    public static InvocationInput? Create(FunctionDefinition function, string queueName, QueueMessage message, byte[] body)
    {
        var text = TryDecode(body);
        var binary = string.Equals(function.Trigger.DataType, "binary", StringComparison.OrdinalIgnoreCase);
        if (!binary && text is null)
        {
            return null;
        }
        var metadata = new Dictionary<string, TypedData>(StringComparer.OrdinalIgnoreCase);
        if (text is not null)
        {
            metadata["QueueTrigger"] = TypedDataValues.String(text);
        }
        metadata["DequeueCount"] = TypedDataValues.JsonNumber(message.DequeueCount);
        metadata["ExpirationTime"] = TypedDataValues.JsonDate(message.ExpiresOn ?? DateTimeOffset.MaxValue);
        metadata["Id"] = TypedDataValues.String(message.MessageId);
        metadata["InsertionTime"] = TypedDataValues.JsonDate(message.InsertedOn ?? DateTimeOffset.UtcNow);
        metadata["NextVisibleTime"] = TypedDataValues.JsonDate(message.NextVisibleOn ?? DateTimeOffset.MaxValue);
        metadata["PopReceipt"] = TypedDataValues.String(message.PopReceipt);
        if (text is not null)
        {
            MessageBindingData.Apply(text, metadata);
        }
        var value = binary ? TypedDataValues.Bytes(body) : TypedDataValues.String(text!);
        var trigger = new ParameterBinding { Name = function.Trigger.Name, Data = value };
        var reason = $"New queue message detected on '{queueName}'.";
        return new InvocationInput(InvocationInput.NewInvocationId(), reason, [trigger], metadata);
    }

    /// <summary>The admin endpoint's run of a queue function: the input as the message body, no message metadata.</summary>
    public static InvocationInput CreateManual(FunctionDefinition function, string input)
    {
        var binary = string.Equals(function.Trigger.DataType, "binary", StringComparison.OrdinalIgnoreCase);
        var value = binary ? TypedDataValues.Bytes(Encoding.UTF8.GetBytes(input)) : TypedDataValues.String(input);
        var metadata = new Dictionary<string, TypedData> { ["QueueTrigger"] = TypedDataValues.String(input) };
        return new InvocationInput(InvocationInput.NewInvocationId(), "This function was programmatically called via the host APIs.",
            [new ParameterBinding { Name = function.Trigger.Name, Data = value }], metadata);
    }

    private static string? TryDecode(byte[] body)
    {
        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
