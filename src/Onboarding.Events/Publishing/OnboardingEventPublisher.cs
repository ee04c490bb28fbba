using System.Collections.Concurrent;
using Azure.Core;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Onboarding.Events.Publishing;
using Onboarding.Events.Wire;

namespace Onboarding.Events;

/// <summary>
/// Puts onboarding events on the <c>onboarding-events</c> queue in batch envelopes: one organization's
/// events per message (the receiver stores a message's events in its organization's partition, one
/// entity-group transaction, which can only hold one partition), each message at most the queue's 64 KiB
/// after encoding. Transient failures are retried with the same message text, so a resend after a lost
/// reply only repeats event ids the receiver already has, and it skips them. <see cref="Publish(OnboardingEvent)"/>
/// and <see cref="EnqueueAsync"/> are thread-safe; disposing sends what is still buffered.
/// </summary>
public sealed class OnboardingEventPublisher : IAsyncDisposable
{
    private readonly QueueClient queue;
    private readonly OnboardingEventPublisherOptions options;
    private readonly ILogger logger;
    private readonly EnvelopePacker packer;
    private readonly Lock gate = new();
    private readonly SemaphoreSlim flushGate = new(1, 1);
    private readonly SemaphoreSlim wake = new(0, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private List<PendingEvent> pending = [];
    private long pendingBytes;
    private bool disposed;

    /// <summary>A publisher over a storage connection string (Azurite: its connection string).</summary>
    /// <param name="clientOptions">Queue client options (retry, policies); its message encoding is set to none: the publisher encodes.</param>
    public OnboardingEventPublisher(
        string connectionString,
        OnboardingEventPublisherOptions? options = null,
        QueueClientOptions? clientOptions = null,
        ILogger<OnboardingEventPublisher>? logger = null)
        : this(options ?? new(), o => new QueueClient(connectionString, o.QueueName, Unencoded(clientOptions)), logger)
    {
    }

    /// <summary>A publisher reaching the queue service with a token (a managed identity in Azure).</summary>
    /// <param name="queueServiceUri">The account's queue endpoint, e.g. <c>https://account.queue.core.windows.net</c>.</param>
    public OnboardingEventPublisher(
        Uri queueServiceUri,
        TokenCredential credential,
        OnboardingEventPublisherOptions? options = null,
        QueueClientOptions? clientOptions = null,
        ILogger<OnboardingEventPublisher>? logger = null)
        : this(options ?? new(), o => new QueueServiceClient(queueServiceUri, credential, Unencoded(clientOptions)).GetQueueClient(o.QueueName), logger)
    {
    }

    private OnboardingEventPublisher(OnboardingEventPublisherOptions options, Func<OnboardingEventPublisherOptions, QueueClient> queue, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        this.queue = queue(options);
        this.logger = logger ?? NullLogger.Instance;
        packer = new EnvelopePacker(options.Encoding, options.MaxMessageBytes, options.MaxEventsPerEnvelope);
        loop = Task.Run(RunAsync);
    }

    /// <summary>The queue the events go to.</summary>
    public string QueueName => queue.Name;

    /// <summary>Events buffered and not yet sent.</summary>
    public int PendingCount
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>Buffers an event; it is sent at the next flush. Fire and forget: a failed send is retried at later flushes.</summary>
    /// <exception cref="ArgumentException">The event breaks a rule of the contract (the message names the field).</exception>
    public void Publish(OnboardingEvent e) => Add([Prepare(e, null)]);

    /// <summary>Buffers events, all or none (a bad one refuses the lot).</summary>
    public void Publish(IEnumerable<OnboardingEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        Add([.. events.Select(e => Prepare(e, null))]);
    }

    /// <summary>
    /// Buffers an event and completes once the envelope holding it has been accepted by the queue (at the next
    /// flush: the interval, a full envelope, <see cref="FlushAsync"/> or dispose); faults if that envelope
    /// could not be sent. Cancelling stops the wait, not the send.
    /// </summary>
    public Task EnqueueAsync(OnboardingEvent e, CancellationToken cancellationToken = default)
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Add([Prepare(e, sent)]);
        return sent.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Sends everything buffered now.</summary>
    /// <exception cref="OnboardingEventPublishException">Some envelopes could not be sent; their published events stay buffered.</exception>
    public Task FlushAsync(CancellationToken cancellationToken = default) => FlushCoreAsync(cancellationToken);

    /// <summary>Stops the timer and sends what is buffered; throws if that fails (the events are then lost, and logged).</summary>
    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }
            disposed = true;
        }
        await stopping.CancelAsync();
        await loop;
        try
        {
            await FlushCoreAsync(CancellationToken.None);
        }
        catch (OnboardingEventPublishException e)
        {
            List<PendingEvent> lost;
            lock (gate)
            {
                lost = pending;
                pending = [];
            }
            PublisherLog.LostOnDispose(logger, e, lost.Count);
            throw;
        }
        finally
        {
            stopping.Dispose();
        }
    }

    private PendingEvent Prepare(OnboardingEvent e, TaskCompletionSource? sent)
    {
        var json = EventWriter.ToJsonBytes(e);
        if (!packer.Fits(json.Length))
        {
            throw new ArgumentException(
                $"Invalid onboarding event: {json.Length} bytes of JSON do not fit one {options.Encoding} message of {options.MaxMessageBytes} bytes.", nameof(e));
        }
        return new PendingEvent(e.OrganizationId, e.Id, json, sent);
    }

    private void Add(IReadOnlyList<PendingEvent> events)
    {
        bool enough;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (pending.Count + events.Count > options.MaxBufferedEvents)
            {
                throw new InvalidOperationException(
                    $"{pending.Count} events are waiting to be sent, the most this publisher holds ({options.MaxBufferedEvents}); is the queue reachable?");
            }
            pending.AddRange(events);
            pendingBytes += events.Sum(e => e.Json.Length + 1);
            enough = pending.Count >= options.MaxEventsPerEnvelope || pendingBytes >= options.MaxMessageBytes;
        }
        if (enough)
        {
            Wake();
        }
    }

    private void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    private async Task RunAsync()
    {
        var interval = options.FlushInterval ?? Timeout.InfiniteTimeSpan;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await wake.WaitAsync(interval, stopping.Token);
                // Sends are not tied to stopping: dispose waits for this flush and then flushes the rest itself.
                await FlushCoreAsync(CancellationToken.None);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (OnboardingEventPublishException e)
            {
                PublisherLog.BackgroundFlushFailed(logger, e, e.UnsentEvents);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever else went wrong, the timer keeps running and dispose still flushes.
                PublisherLog.BackgroundFlushFailed(logger, e, PendingCount);
            }
        }
    }

    private async Task FlushCoreAsync(CancellationToken cancellationToken)
    {
        await flushGate.WaitAsync(cancellationToken);
        try
        {
            List<PendingEvent> batch;
            lock (gate)
            {
                batch = pending;
                pending = [];
                pendingBytes = 0;
            }
            if (batch.Count == 0)
            {
                return;
            }
            var envelopes = packer.Pack(batch);
            var failures = new ConcurrentDictionary<int, Exception>();
            await Parallel.ForEachAsync(
                Enumerable.Range(0, envelopes.Count),
                new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentSends },
                async (index, _) =>
                {
                    var envelope = envelopes[index];
                    try
                    {
                        await SendAsync(envelope, cancellationToken);
                        foreach (var e in envelope.Events)
                        {
                            e.Completion?.TrySetResult();
                        }
                    }
                    catch (Exception e)
                    {
                        PublisherLog.SendFailed(logger, e, envelope.Events.Count, envelope.OrganizationId);
                        failures[index] = e;
                    }
                });
            if (!failures.IsEmpty)
            {
                Fail(envelopes, failures, cancellationToken);
            }
        }
        finally
        {
            flushGate.Release();
        }
    }

    /// <summary>Puts the failed envelopes' published events back at the head of the buffer and tells the awaiting callers.</summary>
    private void Fail(IReadOnlyList<PackedEnvelope> envelopes, ConcurrentDictionary<int, Exception> failures, CancellationToken cancellationToken)
    {
        var first = failures.OrderBy(f => f.Key).First().Value;
        var failed = failures.Keys.Order().SelectMany(index => envelopes[index].Events).ToList();
        var error = new OnboardingEventPublishException(
            $"{failures.Count} of {envelopes.Count} envelopes ({failed.Count} events) could not be sent to queue {queue.Name}.", failed.Count, first);
        var requeued = failed.Where(e => e.Completion is null).ToList();
        lock (gate)
        {
            pending.InsertRange(0, requeued);
            pendingBytes += requeued.Sum(e => e.Json.Length + 1);
        }
        foreach (var e in failed)
        {
            e.Completion?.TrySetException(error);
        }
        cancellationToken.ThrowIfCancellationRequested();
        throw error;
    }

    private async Task SendAsync(PackedEnvelope envelope, CancellationToken cancellationToken)
    {
        var delay = options.RetryDelay;
        var createdQueue = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await queue.SendMessageAsync(envelope.MessageText, visibilityTimeout: null, options.MessageTimeToLive, cancellationToken);
                PublisherLog.EnvelopeSent(logger, envelope.Events.Count, envelope.MessageBytes, envelope.OrganizationId, queue.Name);
                return;
            }
            catch (Exception e) when (options.CreateQueueIfMissing && !createdQueue && TransientFailures.IsQueueMissing(e))
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                PublisherLog.QueueCreated(logger, queue.Name);
                createdQueue = true;
                attempt--;
            }
            catch (Exception e) when (attempt < options.MaxSendAttempts && TransientFailures.IsTransient(e, cancellationToken))
            {
                PublisherLog.SendRetrying(logger, e, envelope.Events.Count, envelope.OrganizationId, attempt, options.MaxSendAttempts, delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
            }
        }
    }

    private static QueueClientOptions Unencoded(QueueClientOptions? clientOptions)
    {
        var result = clientOptions ?? new QueueClientOptions();
        result.MessageEncoding = QueueMessageEncoding.None;
        return result;
    }
}
