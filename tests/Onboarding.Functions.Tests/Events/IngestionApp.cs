using System.Text.Json.Nodes;
using Onboarding.Functions.Hosting;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Events;

/// <summary>The app in standalone mode, its driver polling its own events queue quickly and retrying at once.</summary>
public static class IngestionApp
{
    private const string Queues = HostJsonConfiguration.Section + ":extensions:queues:";

    public static OnboardingApplication Create() => new OnboardingApplication()
        .WithLocalTriggerDriver()
        .WithSetting(Queues + "visibilityTimeout", "00:00:00")
        .WithSetting(Queues + "maxPollingInterval", "00:00:00.300");

    public static QueueClient EventsQueue(this OnboardingApplication app) => TestStorage.Queues().GetQueueClient(app.EventsQueueName);

    public static QueueClient PoisonQueue(this OnboardingApplication app) => TestStorage.Queues().GetQueueClient(app.EventsQueueName + "-poison");

    /// <summary>Waits until the queue is empty and nothing is in flight (a processed message is deleted last).</summary>
    public static async Task DrainAsync(this OnboardingApplication app, TimeSpan? timeout = null)
    {
        var queue = app.EventsQueue();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Queue {queue.Name} still has messages.");
            }
            await Task.Delay(100);
        }
    }

    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not there: {value}");
            }
            await Task.Delay(100);
        }
    }
}

/// <summary>Event JSON as producers send it.</summary>
public static class TestEvents
{
    public static readonly DateTimeOffset At = DateTimeOffset.UtcNow.AddMinutes(-5);

    public static JsonObject Event(string organizationId, string type, string? id = null, Action<JsonObject>? more = null)
    {
        var e = new JsonObject
        {
            ["id"] = id ?? Guid.NewGuid().ToString("N"),
            ["organizationId"] = organizationId,
            ["type"] = type,
            ["timestamp"] = At.ToString("O"),
        };
        more?.Invoke(e);
        return e;
    }

    public static string Batch(IEnumerable<JsonObject> events) =>
        new JsonObject { ["version"] = 1, ["events"] = new JsonArray([.. events]) }.ToJsonString();
}
