using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;

namespace Onboarding.Events.Tests.Infrastructure;

/// <summary>The Azurite that scripts/test.sh starts, a fresh queue per test, and reading back everything on it.</summary>
public static class TestQueues
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ONBOARDING_TEST_STORAGE")
        ?? throw new InvalidOperationException(
            "ONBOARDING_TEST_STORAGE is not set: run the tests with scripts/test.sh, which starts Azurite and sets it.");

    public static string UniqueName() => "pe-" + Guid.NewGuid().ToString("N")[..24];

    /// <summary>Queue client options with quick SDK retries, and an optional policy run on every attempt.</summary>
    public static QueueClientOptions ClientOptions(HttpPipelinePolicy? perAttempt = null, int maxRetries = 2)
    {
        var options = new QueueClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(2);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxRetries = maxRetries;
        if (perAttempt is not null)
        {
            options.AddPolicy(perAttempt, HttpPipelinePosition.PerRetry);
        }
        return options;
    }

    public static async Task<string> NewQueueAsync()
    {
        var name = UniqueName();
        await new QueueClient(ConnectionString, name).CreateAsync();
        return name;
    }

    /// <summary>Every message on the queue, as the raw text the receiver gets, removing them.</summary>
    public static async Task<IReadOnlyList<string>> DrainAsync(string queueName)
    {
        var queue = new QueueClient(ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var texts = new List<string>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                return texts;
            }
            foreach (var message in batch)
            {
                texts.Add(message.Body.ToString());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    /// <summary>Options for tests: quick retries; no timer unless asked.</summary>
    public static OnboardingEventPublisherOptions PublisherOptions(string queueName, EventMessageEncoding encoding = EventMessageEncoding.Plain) => new()
    {
        QueueName = queueName,
        Encoding = encoding,
        FlushInterval = null,
        RetryDelay = TimeSpan.FromMilliseconds(2),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
    };
}
