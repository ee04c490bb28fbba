using System.Globalization;
using System.Text;
using System.Text.Json;
using Onboarding.LocalFunctionsHost.Tests.Infrastructure;

namespace Onboarding.LocalFunctionsHost.Tests;

/// <summary>
/// Queue triggers with the host's semantics; the test worker's host.json sets maxDequeueCount 3 and
/// visibilityTimeout 0, so failures are retried at once.
/// </summary>
public sealed class QueueTriggerTests
{
    [Fact]
    public async Task ABase64MessageIsProcessedWithTheHostsTriggerMetadataAndDeleted()
    {
        await using var host = await RunningHost.StartAsync();
        var queue = TestStorage.RawQueue(host.QueueName);
        await queue.CreateAsync();

        var sent = (await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes("hello queue")))).Value;

        var done = (await host.Observations.WaitForAsync("done", seen => seen.Count == 1)).Single();
        Assert.Equal("hello queue", done.GetProperty("message").GetString());
        var metadata = done.GetProperty("bindingData");
        Assert.Equal("hello queue", metadata.GetProperty("QueueTrigger").GetString());
        Assert.Equal(sent.MessageId, metadata.GetProperty("Id").GetString());
        // json-typed values reach the worker as their JSON text: a number, and dates as quoted ISO 8601.
        Assert.Equal("1", metadata.GetProperty("DequeueCount").GetString());
        Assert.Equal(sent.InsertionTime, QuotedDate(metadata, "InsertionTime"));
        Assert.Equal(sent.ExpirationTime, QuotedDate(metadata, "ExpirationTime"));
        Assert.True(QuotedDate(metadata, "NextVisibleTime") > sent.InsertionTime);
        Assert.False(string.IsNullOrEmpty(metadata.GetProperty("PopReceipt").GetString()));
        await QueueAssert.IsEmptyEventuallyAsync(queue);
        Assert.Contains(host.Logs.Lines, line => line.Category == "Function.ProcessMessage.User" && line.Message == "Processing message hello queue");
    }

    [Fact]
    public async Task AFailingMessageIsTriedExactlyMaxDequeueCountTimesThenSitsWholeInThePoisonQueue()
    {
        await using var host = await RunningHost.StartAsync();
        var queue = TestStorage.RawQueue(host.QueueName);
        var poison = TestStorage.RawQueue(host.QueueName + "-poison");
        await queue.CreateAsync();
        var stored = Convert.ToBase64String(Encoding.UTF8.GetBytes("fail: {\"order\": 7}"));

        await queue.SendMessageAsync(stored);

        var poisoned = await QueueAssert.WaitForTextsAsync(poison, 1);
        Assert.Equal([stored], poisoned);
        await QueueAssert.IsEmptyEventuallyAsync(queue);
        var attempts = host.Observations.Read("started");
        Assert.Equal(3, attempts.Count);
        Assert.Equal(["1", "2", "3"], attempts.Select(a => a.GetProperty("bindingData").GetProperty("DequeueCount").GetString()).Order());
        Assert.Contains(host.Logs.Lines, line => line.Message.Contains("Moving message to queue '" + poison.Name + "'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMessageThatIsNotBase64GoesToThePoisonQueueAsItWasWithoutAnInvocation()
    {
        await using var host = await RunningHost.StartAsync();
        var queue = TestStorage.RawQueue(host.QueueName);
        var poison = TestStorage.RawQueue(host.QueueName + "-poison");
        await queue.CreateAsync();

        await queue.SendMessageAsync("plain text, not base64!");
        await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes("after it")));

        await host.Observations.WaitForAsync("done", seen => seen.Count == 1);
        Assert.Equal(["plain text, not base64!"], await QueueAssert.WaitForTextsAsync(poison, 1));
        Assert.Equal(["after it"], host.Observations.Read("started").Select(o => o.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task WithMessageEncodingNoneTheStoredTextArrivesAsIs()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["AzureFunctionsJobHost__extensions__queues__messageEncoding"] = "none",
        });
        var queue = TestStorage.RawQueue(host.QueueName);
        await queue.CreateAsync();
        var base64Looking = Convert.ToBase64String(Encoding.UTF8.GetBytes("would decode"));

        await queue.SendMessageAsync("{\"kind\":\"raw\",\"n\":1}");
        await queue.SendMessageAsync(base64Looking);

        var done = await host.Observations.WaitForAsync("done", seen => seen.Count == 2);
        Assert.Equal(new[] { "{\"kind\":\"raw\",\"n\":1}", base64Looking }.Order(StringComparer.Ordinal), done.Select(o => o.GetProperty("message").GetString()).Order(StringComparer.Ordinal));
        var json = done.Single(o => o.GetProperty("message").GetString()!.StartsWith('{'));
        // A JSON object's top-level properties join the binding data, as the host adds them.
        Assert.Equal("raw", json.GetProperty("bindingData").GetProperty("kind").GetString());
        await QueueAssert.IsEmptyEventuallyAsync(queue);
    }

    [Fact]
    public async Task AMessagesJsonPropertiesReplaceTheHostsMetadataCaseInsensitivelyAsTheHostAddsThem()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["AzureFunctionsJobHost__extensions__queues__messageEncoding"] = "none",
        });
        var queue = TestStorage.RawQueue(host.QueueName);
        await queue.CreateAsync();
        const string text = "{\"id\":\"evt-1\",\"DequeueCount\":99,\"flag\":true,\"ratio\":1.50,\"nested\":{\"a\": 1},\"list\":[1],\"nothing\":null," +
            "\"\\udfff\":1,\"note\":\"a\\ud800b\",\"kind\":\"ok\"}";

        await queue.SendMessageAsync(text);

        var done = Assert.Single(await host.Observations.WaitForAsync("done", seen => seen.Count == 1));
        var metadata = done.GetProperty("bindingData");
        Assert.Equal(text, done.GetProperty("message").GetString());
        // A body's "id" replaces the message id, its DequeueCount the real one: the Functions host applies them last.
        Assert.Equal("evt-1", metadata.GetProperty("Id").GetString());
        Assert.Equal("99", metadata.GetProperty("DequeueCount").GetString());
        // Scalars are strings in Newtonsoft's invariant text (a json-typed true would read "true"); objects are json.
        Assert.Equal("True", metadata.GetProperty("flag").GetString());
        Assert.Equal("1.5", metadata.GetProperty("ratio").GetString());
        Assert.Equal("{\"a\":1}", metadata.GetProperty("nested").GetString());
        Assert.Equal("ok", metadata.GetProperty("kind").GetString());
        Assert.False(metadata.TryGetProperty("list", out _));
        Assert.False(metadata.TryGetProperty("nothing", out _));
        Assert.False(metadata.TryGetProperty("note", out _));
        await QueueAssert.IsEmptyEventuallyAsync(queue);
    }

    private static DateTimeOffset QuotedDate(JsonElement metadata, string name)
    {
        var json = metadata.GetProperty(name).GetString()!;
        Assert.StartsWith("\"", json);
        Assert.EndsWith("+00:00\"", json);
        return DateTimeOffset.Parse(JsonSerializer.Deserialize<string>(json)!, CultureInfo.InvariantCulture);
    }
}
