namespace Onboarding.Events;

/// <summary>How an <see cref="OnboardingEventPublisher"/> batches, encodes and sends.</summary>
public sealed record OnboardingEventPublisherOptions
{
    public const string DefaultQueueName = "onboarding-events";

    /// <summary>The queue service's limit on one message's text, in UTF-8 bytes (64 KiB).</summary>
    public const int QueueMessageLimitBytes = 64 * 1024;

    /// <summary>Events the receiver commits in one entity-group transaction (100 actions less its two state rows).</summary>
    public const int EventsPerTransaction = 98;

    public string QueueName { get; init; } = DefaultQueueName;

    public EventMessageEncoding Encoding { get; init; } = EventMessageEncoding.Plain;

    /// <summary>
    /// At most this many events in one envelope. The default, 98, is what the receiver stores in one
    /// transaction, so one message is one organization's one transaction. Up to 1,000.
    /// </summary>
    public int MaxEventsPerEnvelope { get; init; } = EventsPerTransaction;

    /// <summary>The largest message text written, after encoding; at most the queue's 64 KiB.</summary>
    public int MaxMessageBytes { get; init; } = QueueMessageLimitBytes;

    /// <summary>How often buffered events are sent; null: only on <c>FlushAsync</c>, a full envelope, or dispose.</summary>
    public TimeSpan? FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts per envelope on transient failures, on top of the queue client's own retries.</summary>
    public int MaxSendAttempts { get; init; } = 5;

    /// <summary>The first pause between attempts; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Envelopes sent at the same time during a flush.</summary>
    public int MaxConcurrentSends { get; init; } = 4;

    /// <summary>Events held before <c>Publish</c> refuses more (storage unreachable for a long time).</summary>
    public int MaxBufferedEvents { get; init; } = 100_000;

    /// <summary>Creates the queue when a send finds it missing (needs the right to create queues).</summary>
    public bool CreateQueueIfMissing { get; init; } = true;

    /// <summary>Time to live of each message; null: the service's default (7 days).</summary>
    public TimeSpan? MessageTimeToLive { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(QueueName);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEventsPerEnvelope, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxEventsPerEnvelope, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageBytes, 16 * 1024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxMessageBytes, QueueMessageLimitBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSendAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentSends, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBufferedEvents, 1);
        if (FlushInterval is { } interval)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(FlushInterval));
        }
    }
}
