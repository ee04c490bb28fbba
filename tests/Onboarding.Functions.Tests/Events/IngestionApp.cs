using System.Text.Json.Nodes;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Events;

/// <summary>Apps whose events queue is polled quickly and retried at once, and helpers over their queues.</summary>
public static class IngestionApp
{
    private const string Queues = OnboardingApplication.HostJson + "extensions:queues:";

    public static OnboardingApplication Create() => new OnboardingApplication()
        .WithSetting(Queues + "visibilityTimeout", "00:00:00")
        .WithSetting(Queues + "maxPollingInterval", "00:00:00.300");

    public static QueueClient EventsQueue(this ITestApp app) => TestStorage.Queues().GetQueueClient(app.EventsQueueName);

    public static QueueClient PoisonQueue(this ITestApp app) => TestStorage.Queues().GetQueueClient(app.EventsQueueName + "-poison");

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
