using Azure;
using Azure.Storage.Queues;

namespace Onboarding.Functions.Storage;

/// <summary>A queue a trigger of this app reads, with its poison queue: start-up creates both.</summary>
public interface ITriggerQueue
{
    QueueClient Queue { get; }

    QueueClient PoisonQueue { get; }
}

/// <summary>
/// A queue a trigger of this app reads, named by the app setting <paramref name="setting"/> (which the trigger names as
/// <c>%setting%</c>) or <paramref name="defaultName"/>, and its poison queue <c>{name}-poison</c>.
/// </summary>
public abstract class TriggerQueue(QueueServiceClient queues, IConfiguration configuration, string setting, string defaultName) : ITriggerQueue
{
    public string Name { get; } = configuration[setting] is { Length: > 0 } name ? name : defaultName;

    public string PoisonName => Name + "-poison";

    public QueueClient Queue => queues.GetQueueClient(Name);

    public QueueClient PoisonQueue => queues.GetQueueClient(PoisonName);

    /// <summary>Moves a message, whole and without expiry, to the poison queue.</summary>
    public Task SendToPoisonAsync(string messageText, CancellationToken cancellationToken) =>
        PoisonQueue.SendCreatingAsync(messageText, null, QueueSends.NeverExpires, cancellationToken);
}

/// <summary>Sending to the app's queues, which start-up creates: a message is never lost because that ran late or the queue was deleted.</summary>
public static class QueueSends
{
    /// <summary>The queue service's "never expires" time-to-live (-1 seconds).</summary>
    public static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    /// <summary>Sends, creating the queue first if it is missing.</summary>
    public static async Task SendCreatingAsync(this QueueClient queue, string text, TimeSpan? visibility, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        try
        {
            await queue.SendMessageAsync(text, visibility, timeToLive, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await queue.SendMessageAsync(text, visibility, timeToLive, cancellationToken);
        }
    }
}
