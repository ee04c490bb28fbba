using Azure.Storage.Queues;

namespace Onboarding.Functions.Storage;

/// <summary>
/// The events queue and its poison queue. The name is the app setting <c>ONBOARDING_EVENTS_QUEUE</c>
/// (default <c>onboarding-events</c>), the same reference the queue trigger is declared with.
/// </summary>
public sealed class EventsQueue(QueueServiceClient queues, IConfiguration configuration) : ITriggerQueue
{
    public const string Setting = "ONBOARDING_EVENTS_QUEUE";
    public const string Reference = "%" + Setting + "%";
    public const string DefaultName = "onboarding-events";

    public string Name { get; } = configuration[Setting] is { Length: > 0 } name ? name : DefaultName;

    public string PoisonName => Name + "-poison";

    public QueueClient Queue => queues.GetQueueClient(Name);

    public QueueClient PoisonQueue => queues.GetQueueClient(PoisonName);

    /// <summary>Queues a message for ingestion.</summary>
    public Task SendAsync(string messageText, CancellationToken cancellationToken) =>
        Queue.SendCreatingAsync(messageText, null, null, cancellationToken);

    /// <summary>Moves a message, whole and without expiry, to the poison queue.</summary>
    public Task SendToPoisonAsync(string messageText, CancellationToken cancellationToken) =>
        PoisonQueue.SendCreatingAsync(messageText, null, QueueSends.NeverExpires, cancellationToken);
}
