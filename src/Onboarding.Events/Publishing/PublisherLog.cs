using Microsoft.Extensions.Logging;

namespace Onboarding.Events.Publishing;

internal static partial class PublisherLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug,
        Message = "Sent an envelope of {EventCount} events ({MessageBytes} bytes) for organization {OrganizationId} to {QueueName}")]
    public static partial void EnvelopeSent(ILogger logger, int eventCount, int messageBytes, string organizationId, string queueName);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Sending an envelope of {EventCount} events for organization {OrganizationId} failed transiently (attempt {Attempt} of {MaxAttempts}); retrying in {DelayMs} ms with the same event ids")]
    public static partial void SendRetrying(ILogger logger, Exception exception, int eventCount, string organizationId, int attempt, int maxAttempts, double delayMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error,
        Message = "Could not send an envelope of {EventCount} events for organization {OrganizationId}")]
    public static partial void SendFailed(ILogger logger, Exception exception, int eventCount, string organizationId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Queue {QueueName} was missing; created it")]
    public static partial void QueueCreated(ILogger logger, string queueName);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "A background flush left {UnsentEvents} events unsent; they stay buffered for the next flush")]
    public static partial void BackgroundFlushFailed(ILogger logger, Exception exception, int unsentEvents);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error,
        Message = "Disposed with {UnsentEvents} events that could not be sent")]
    public static partial void LostOnDispose(ILogger logger, Exception exception, int unsentEvents);
}
