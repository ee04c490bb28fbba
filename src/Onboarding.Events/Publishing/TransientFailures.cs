using Azure;

namespace Onboarding.Events.Publishing;

/// <summary>Which send failures are worth another attempt: the ones the queue client itself retries, and lost connections.</summary>
internal static class TransientFailures
{
    public static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or 500 or 502 or 503 or 504,
        HttpRequestException or IOException or TimeoutException => true,
        // The client's own network timeout, not the caller giving up.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AggregateException aggregate => aggregate.InnerExceptions.All(inner => IsTransient(inner, cancellationToken)),
        _ => false,
    };

    public static bool IsQueueMissing(Exception e) =>
        e is RequestFailedException { Status: 404, ErrorCode: "QueueNotFound" };
}
