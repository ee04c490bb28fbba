using Azure;
using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost.Configuration;
using Onboarding.LocalFunctionsHost.Lifecycle;
using Onboarding.LocalFunctionsHost.Metadata;

namespace Onboarding.LocalFunctionsHost.Queues;

/// <summary>
/// Polls one queue-triggered function's queue: batches of <c>batchSize</c>, a new batch once no more
/// than <c>newBatchThreshold</c> messages are in flight, back-off to <c>maxPollingInterval</c> when idle.
/// The queue is never created here: a missing queue is polled with back-off until it exists. A stop ends the polling
/// and waits for the messages already received, as the queue extension's <c>QueueListener.StopAsync</c> does.
/// </summary>
public sealed partial class QueueTriggerListener(
    FunctionDefinition function,
    QueueClients clients,
    QueuesOptions options,
    QueueMessageProcessor processor,
    HostDrain drain,
    TimeProvider timeProvider,
    ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var listening = drain.Begin();
        ListenerStarted(logger, function.Name, clients.Queue.Name);
        var backoff = new PollingBackoff(options.MaxPollingInterval);
        var running = new HashSet<Task>();
        var queueExists = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                if (!queueExists)
                {
                    queueExists = (await clients.Queue.ExistsAsync(cancellationToken)).Value;
                }
                if (!queueExists)
                {
                    delay = backoff.AfterNothing();
                }
                else
                {
                    var messages = (await clients.Queue.ReceiveMessagesAsync(options.BatchSize, options.ProcessingVisibility, cancellationToken)).Value;
                    foreach (var message in messages)
                    {
                        // Received messages finish even when the host stops meanwhile (a drain, not a cancellation).
                        running.Add(ProcessAsync(message));
                    }
                    delay = messages.Length > 0 ? backoff.AfterMessages() : backoff.AfterNothing();
                }
            }
            catch (RequestFailedException exception)
            {
                queueExists = exception.Status != 404 && queueExists;
                PollFailed(logger, clients.Queue.Name, exception.Status);
                delay = backoff.AfterNothing();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Past the SDK's own retries (an AggregateException of transport failures): the host restarts the
                // listener; polling on after a back-off does the same without leaving received messages behind.
                queueExists = false;
                PollError(logger, exception, clients.Queue.Name);
                delay = backoff.AfterNothing();
            }
            while (running.Count > options.NewBatchThreshold)
            {
                running.Remove(await Task.WhenAny(running));
            }
            running.RemoveWhere(task => task.IsCompleted);
            try
            {
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ProcessAsync(Azure.Storage.Queues.Models.QueueMessage message)
    {
        try
        {
            await processor.ProcessAsync(message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The message stays hidden until its receive visibility lapses, then comes back.
            ProcessingFailed(logger, exception, message.MessageId, clients.Queue.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Settling message {MessageId} of queue {Queue} failed")]
    private static partial void ProcessingFailed(ILogger logger, Exception exception, string messageId, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Function {FunctionName} listens to queue {Queue}")]
    private static partial void ListenerStarted(ILogger logger, string functionName, string queue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Polling queue {Queue} failed; backing off")]
    private static partial void PollError(ILogger logger, Exception exception, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling queue {Queue} failed with status {Status}; backing off")]
    private static partial void PollFailed(ILogger logger, string queue, int status);
}
