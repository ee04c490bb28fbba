using Azure.Storage.Queues;

namespace Onboarding.LocalFunctionsHost.Tests.Infrastructure;

/// <summary>Reads queues back: every message's stored text, including those still hidden once they reappear.</summary>
public static class QueueAssert
{
    /// <summary>Waits until the queue holds no message at all, visible or hidden.</summary>
    public static async Task IsEmptyEventuallyAsync(QueueClient queue, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Queue {queue.Name} still holds messages.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The stored text of the visible messages, without taking them.</summary>
    public static async Task<IReadOnlyList<string>> PeekTextsAsync(QueueClient queue)
    {
        if (!(await queue.ExistsAsync()).Value)
        {
            return [];
        }
        var messages = await queue.PeekMessagesAsync(32);
        return messages.Value.Select(message => message.Body.ToString()).ToList();
    }

    public static async Task<IReadOnlyList<string>> WaitForTextsAsync(QueueClient queue, int count, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var texts = await PeekTextsAsync(queue);
            if (texts.Count >= count)
            {
                return texts;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Queue {queue.Name} has {texts.Count} of {count} messages.");
            }
            await Task.Delay(100);
        }
    }
}
