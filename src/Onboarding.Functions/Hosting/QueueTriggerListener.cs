using Azure.Storage.Queues.Models;
using Azure.Storage.Queues;
using System.Text;
using Azure;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Hosting;

/// <summary>
/// The local driver's stand-in for the host's queue listener: takes batches, invokes the function per
/// message, deletes on success, hides a failed message for <c>visibilityTimeout</c> and moves it, whole,
/// to <c>{queue}-poison</c> once it has failed <c>maxDequeueCount</c> times. Polls back off while the
/// queue is empty, up to <c>maxPollingInterval</c>.
/// </summary>
internal sealed partial class QueueTriggerListener(
    FunctionDefinition function,
    QueueClient queue,
    QueueClient poisonQueue,
    QueueTriggerOptions options,
    FunctionInvoker invoker,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary>
    /// The shortest lease a message being processed is hidden for; the lease is renewed while the
    /// function runs, so a message whose processing was cut short (the process died, the settle failed)
    /// is visible again after about one lease, not after the host's fixed 10 minutes.
    /// </summary>
    private static readonly TimeSpan MinProcessingLease = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await EnsureQueuesAsync(stoppingToken);
        var inFlight = new List<Task>();
        var idleDelay = MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            inFlight.RemoveAll(task => task.IsCompleted);
            if (inFlight.Count > options.EffectiveNewBatchThreshold)
            {
                await Task.WhenAny(inFlight);
                continue;
            }

            QueueMessage[] batch;
            try
            {
                batch = (await queue.ReceiveMessagesAsync(options.BatchSize, ProcessingLease, stoppingToken)).Value;
            }
            catch (RequestFailedException e)
            {
                LogReceiveFailed(e, queue.Name);
                await DelayAsync(options.MaxPollingInterval, stoppingToken);
                continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            if (batch.Length == 0)
            {
                await DelayAsync(idleDelay, stoppingToken);
                idleDelay = TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, options.MaxPollingInterval.Ticks));
                continue;
            }
            idleDelay = MinPollingInterval;
            // In-flight invocations finish even when the app is stopping, so no message is half-processed.
            inFlight.AddRange(batch.Select(message => ProcessAsync(message, CancellationToken.None)));
        }
        await Task.WhenAll(inFlight);
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        if (message.DequeueCount > options.MaxDequeueCount)
        {
            await MoveToPoisonAsync(message, message.PopReceipt, $"dequeued {message.DequeueCount} times, more than maxDequeueCount {options.MaxDequeueCount}", cancellationToken);
            return;
        }
        if (!TryDecode(message.Body.ToString(), out var text))
        {
            await MoveToPoisonAsync(message, message.PopReceipt, "the body is not valid base64 (host.json messageEncoding is base64)", cancellationToken);
            return;
        }

        var request = InvocationPayload.ForQueueMessage(text, message.MessageId, message.DequeueCount, message.InsertedOn,
            message.ExpiresOn, message.NextVisibleOn, message.PopReceipt, clock.GetUtcNow());
        var lease = new MessageLease(message.PopReceipt);
        InvocationResult result;
        using (var renewing = new CancellationTokenSource())
        {
            var renewal = RenewWhileRunningAsync(message.MessageId, lease, renewing.Token);
            result = await invoker.InvokeAsync(function.Name, request, Guid.NewGuid().ToString("D"), cancellationToken);
            await renewing.CancelAsync();
            await renewal;
        }
        try
        {
            if (result.Succeeded)
            {
                await queue.DeleteMessageAsync(message.MessageId, lease.PopReceipt, cancellationToken);
            }
            else if (message.DequeueCount >= options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, lease.PopReceipt, $"failed {message.DequeueCount} times: {string.Join(" | ", result.Response.Logs)}", cancellationToken);
            }
            else
            {
                LogRetry(function.Name, message.MessageId, message.DequeueCount, options.VisibilityTimeout);
                await queue.UpdateMessageAsync(message.MessageId, lease.PopReceipt, visibilityTimeout: options.VisibilityTimeout, cancellationToken: cancellationToken);
            }
        }
        catch (RequestFailedException e)
        {
            LogSettleFailed(e, message.MessageId, queue.Name, ProcessingLease);
        }
    }

    private TimeSpan ProcessingLease => options.VisibilityTimeout > MinProcessingLease ? options.VisibilityTimeout : MinProcessingLease;

    /// <summary>The pop receipt of a message being processed, which each renewal replaces.</summary>
    private sealed class MessageLease(string popReceipt)
    {
        public string PopReceipt { get; set; } = popReceipt;
    }

    /// <summary>Keeps the message hidden while the function runs, renewing its lease half-way, as the host does.</summary>
    private async Task RenewWhileRunningAsync(string messageId, MessageLease lease, CancellationToken finished)
    {
        while (!finished.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ProcessingLease / 2, clock, finished);
                var renewed = await queue.UpdateMessageAsync(messageId, lease.PopReceipt, visibilityTimeout: ProcessingLease, cancellationToken: finished);
                lease.PopReceipt = renewed.Value.PopReceipt;
            }
            catch (OperationCanceledException) when (finished.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException e)
            {
                LogRenewFailed(e, messageId, queue.Name);
            }
        }
    }

    private bool TryDecode(string messageText, out string text)
    {
        text = messageText;
        if (!options.IsBase64)
        {
            return true;
        }
        var buffer = new byte[messageText.Length];
        if (!Convert.TryFromBase64String(messageText, buffer, out var length))
        {
            return false;
        }
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, string popReceipt, string reason, CancellationToken cancellationToken)
    {
        LogPoisoned(message.MessageId, queue.Name, poisonQueue.Name, reason);
        await poisonQueue.SendMessageAsync(message.Body.ToString(), timeToLive: Events.EventsQueue.NeverExpires, cancellationToken: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, popReceipt, cancellationToken);
    }

    private async Task EnsureQueuesAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                await poisonQueue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                LogListening(function.Name, queue.Name);
                return;
            }
            catch (RequestFailedException e)
            {
                LogReceiveFailed(e, queue.Name);
                await DelayAsync(options.MaxPollingInterval, stoppingToken);
            }
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, clock, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Function {FunctionName} is listening on queue {QueueName}")]
    private partial void LogListening(string functionName, string queueName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read queue {QueueName}; retrying")]
    private partial void LogReceiveFailed(Exception exception, string queueName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {FunctionName} failed message {MessageId} (attempt {DequeueCount}); it returns after {VisibilityTimeout}")]
    private partial void LogRetry(string functionName, string messageId, long dequeueCount, TimeSpan visibilityTimeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} moved from {QueueName} to {PoisonQueueName}: {Reason}")]
    private partial void LogPoisoned(string messageId, string queueName, string poisonQueueName, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not settle message {MessageId} on {QueueName}; it is delivered again once its lease of {Lease} ends")]
    private partial void LogSettleFailed(Exception exception, string messageId, string queueName, TimeSpan lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the lease of message {MessageId} on {QueueName}; it may be delivered again while still running")]
    private partial void LogRenewFailed(Exception exception, string messageId, string queueName);
}
