using Azure.Storage.Queues;
using Azure;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Events;

/// <summary>
/// The events queue and its poison queue. The name is the app setting <c>ONBOARDING_EVENTS_QUEUE</c>
/// (default <c>onboarding-events</c>), the same reference the queue trigger is declared with.
/// </summary>
public sealed class EventsQueue(QueueServiceClient queues, IConfiguration configuration)
{
    public const string Setting = "ONBOARDING_EVENTS_QUEUE";
    public const string Reference = "%" + Setting + "%";
    public const string DefaultName = "onboarding-events";

    public string Name { get; } = configuration[Setting] is { Length: > 0 } name ? name : DefaultName;

    public string PoisonName => Name + "-poison";

    public QueueClient Queue => queues.GetQueueClient(Name);

    public QueueClient PoisonQueue => queues.GetQueueClient(PoisonName);

    /// <summary>The queue service's "never expires" time-to-live (-1 seconds).</summary>
    public static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    /// <summary>Queues a message for ingestion.</summary>
    public Task SendAsync(string messageText, CancellationToken cancellationToken) =>
        SendCreatingAsync(Queue, messageText, null, cancellationToken);

    /// <summary>Moves a message, whole and without expiry, to the poison queue.</summary>
    public Task SendToPoisonAsync(string messageText, CancellationToken cancellationToken) =>
        SendCreatingAsync(PoisonQueue, messageText, NeverExpires, cancellationToken);

    /// <summary>Sends, creating the queue first if it is missing (start-up creates it, but a message must not be lost if it ran late or the queue was deleted).</summary>
    private static async Task SendCreatingAsync(QueueClient queue, string messageText, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        try
        {
            await queue.SendMessageAsync(messageText, timeToLive: timeToLive, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await queue.SendMessageAsync(messageText, timeToLive: timeToLive, cancellationToken: cancellationToken);
        }
    }
}
