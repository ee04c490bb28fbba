using Azure;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost.Configuration;
using Onboarding.LocalFunctionsHost.Invocation;
using Onboarding.LocalFunctionsHost.Metadata;

namespace Onboarding.LocalFunctionsHost.Queues;

/// <summary>
/// One received message: invoke the function while renewing the message's visibility; then delete it
/// (success), release it for <c>visibilityTimeout</c> (failure), or move it whole to the poison queue
/// (failure at <c>maxDequeueCount</c>, or a body that cannot be decoded).
/// </summary>
public sealed partial class QueueMessageProcessor(
    FunctionDefinition function,
    QueueClients clients,
    QueuesOptions options,
    FunctionInvoker invoker,
    TimeProvider timeProvider,
    ILogger logger)
{
    private readonly SemaphoreSlim _poisonQueueCreated = new(1, 1);
    private bool _poisonQueueExists;

    public async Task ProcessAsync(QueueMessage message)
    {
        var receipt = new MessageReceipt(message.MessageId, message.PopReceipt);
        var rawText = message.Body.ToString();
        if (message.DequeueCount > options.MaxDequeueCount && clients.Poison is not null)
        {
            await MoveToPoisonAsync(receipt, rawText);
            return;
        }
        byte[]? body = options.MessageEncoding == QueueMessageEncoding.None ? message.Body.ToArray() : TryDecodeBase64(rawText);
        if (body is null)
        {
            UndecodableMessage(logger, message.MessageId, clients.Queue.Name);
            if (clients.Poison is not null)
            {
                await MoveToPoisonAsync(receipt, rawText);
            }
            return;
        }
        var succeeded = await InvokeWithRenewalAsync(message, body, receipt);
        if (succeeded)
        {
            await IgnoringGoneAsync(() => clients.Queue.DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt, CancellationToken.None));
        }
        else if (message.DequeueCount >= options.MaxDequeueCount && clients.Poison is not null)
        {
            await MoveToPoisonAsync(receipt, rawText);
        }
        else
        {
            await IgnoringGoneAsync(() => clients.Queue.UpdateMessageAsync(receipt.MessageId, receipt.PopReceipt, visibilityTimeout: options.VisibilityTimeout, cancellationToken: CancellationToken.None));
        }
    }

    private async Task<bool> InvokeWithRenewalAsync(QueueMessage message, byte[] body, MessageReceipt receipt)
    {
        var input = QueueTriggerInput.Create(function, clients.Queue.Name, message, body);
        if (input is null)
        {
            InvalidUtf8(logger, message.MessageId, function.Name);
            return false;
        }
        using var renewing = new CancellationTokenSource();
        var renewal = RenewVisibilityAsync(receipt, renewing.Token);
        try
        {
            var result = await invoker.InvokeWhenReadyAsync(function.Name, input, CancellationToken.None);
            return result.Succeeded;
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
        }
    }

    // The host keeps a message hidden while its function runs: another ProcessingVisibility every half of it.
    private async Task RenewVisibilityAsync(MessageReceipt receipt, CancellationToken cancellationToken)
    {
        var interval = options.ProcessingVisibility / 2;
        try
        {
            while (true)
            {
                await Task.Delay(interval, timeProvider, cancellationToken);
                var update = await clients.Queue.UpdateMessageAsync(receipt.MessageId, receipt.PopReceipt, visibilityTimeout: options.ProcessingVisibility, cancellationToken: cancellationToken);
                receipt.PopReceipt = update.Value.PopReceipt;
                VisibilityRenewed(logger, receipt.MessageId, update.Value.NextVisibleOn);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (RequestFailedException exception)
        {
            RenewalFailed(logger, receipt.MessageId, exception.Status);
        }
    }

    private async Task MoveToPoisonAsync(MessageReceipt receipt, string rawText)
    {
        var poison = clients.Poison!;
        await _poisonQueueCreated.WaitAsync();
        try
        {
            if (!_poisonQueueExists)
            {
                await poison.CreateIfNotExistsAsync();
                _poisonQueueExists = true;
            }
        }
        finally
        {
            _poisonQueueCreated.Release();
        }
        MovingToPoison(logger, options.MaxDequeueCount, poison.Name);
        // Added first, deleted second: a crash in between duplicates the message rather than losing it.
        await poison.SendMessageAsync(rawText);
        await IgnoringGoneAsync(() => clients.Queue.DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt, CancellationToken.None));
    }

    private static byte[]? TryDecodeBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }

    // A pop-receipt mismatch or a message that is already gone is not an error (the host ignores both).
    private static async Task IgnoringGoneAsync(Func<Task> operation)
    {
        try
        {
            await operation();
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 400)
        {
        }
    }

    private sealed class MessageReceipt(string messageId, string popReceipt)
    {
        public string MessageId { get; } = messageId;
        public string PopReceipt { get; set; } = popReceipt;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message has reached MaxDequeueCount of {MaxDequeueCount}. Moving message to queue '{PoisonQueue}'.")]
    private static partial void MovingToPoison(ILogger logger, int maxDequeueCount, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} on queue {Queue} is not valid base64; it goes to the poison queue without an invocation")]
    private static partial void UndecodableMessage(ILogger logger, string messageId, string queue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} is not valid UTF-8 and function {FunctionName} takes a string: the invocation fails")]
    private static partial void InvalidUtf8(ILogger logger, string messageId, string functionName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Message {MessageId} stays hidden until {NextVisibleOn}")]
    private static partial void VisibilityRenewed(ILogger logger, string messageId, DateTimeOffset nextVisibleOn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the visibility of message {MessageId} failed with status {Status}")]
    private static partial void RenewalFailed(ILogger logger, string messageId, int status);
}
