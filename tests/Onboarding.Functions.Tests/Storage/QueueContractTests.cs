using Azure;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Storage;

public sealed class QueueContractTests
{
    [Fact]
    public async Task CreatingAQueueThatExistsIsNotAnError()
    {
        var queue = TestStorage.Queues().GetQueueClient(TestStorage.UniqueQueueName());

        var first = await queue.CreateIfNotExistsAsync();
        var second = await queue.CreateIfNotExistsAsync();

        Assert.Equal(201, first.Status);
        Assert.Equal(204, second.Status);
    }

    [Fact]
    public async Task ASentMessageIsReceivedHiddenThenDeleted()
    {
        var queue = await TestStorage.NewQueueAsync();
        const string text = "{\"a\":\"<b> & 'c' \\\"d\\\"\",\"e\":\"Zürich 日本\"}";

        var receipt = (await queue.SendMessageAsync(text)).Value;
        var received = Assert.Single((await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(30))).Value);
        var hidden = (await queue.ReceiveMessagesAsync()).Value;
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        Assert.Equal(receipt.MessageId, received.MessageId);
        Assert.Equal(text, received.MessageText);
        Assert.Equal(1, received.DequeueCount);
        Assert.Empty(hidden);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task AVisibilityDelayHidesANewMessage()
    {
        var queue = await TestStorage.NewQueueAsync();

        await queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromSeconds(60));
        await queue.SendMessageAsync("now");

        var received = (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value;
        Assert.Equal(["now"], received.Select(m => m.MessageText));
        Assert.Equal(2, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task TimeToLiveSetsTheExpiry()
    {
        var queue = await TestStorage.NewQueueAsync();

        var shortLived = (await queue.SendMessageAsync("short", timeToLive: TimeSpan.FromMinutes(5))).Value;
        var forever = (await queue.SendMessageAsync("forever", timeToLive: Timeout.InfiniteTimeSpan)).Value;

        Assert.InRange(shortLived.ExpirationTime - shortLived.InsertionTime, TimeSpan.FromSeconds(299), TimeSpan.FromSeconds(301));
        Assert.True(forever.ExpirationTime > forever.InsertionTime.AddYears(100));
    }

    [Fact]
    public async Task ReceiveTakesUpTo32AndRefusesMore()
    {
        var queue = await TestStorage.NewQueueAsync();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => queue.SendMessageAsync($"m{i}")));

        var batch = (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value;

        Assert.Equal(32, batch.Length);
        Assert.Equal(32, batch.Select(m => m.MessageId).Distinct().Count());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(maxMessages: 33));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(maxMessages: 0));
    }

    [Fact]
    public async Task PeekDoesNotTakeOrCount()
    {
        var queue = await TestStorage.NewQueueAsync();
        await queue.SendMessageAsync("m");

        var peeked = Assert.Single((await queue.PeekMessagesAsync()).Value);
        var received = Assert.Single((await queue.ReceiveMessagesAsync()).Value);

        Assert.Equal("m", peeked.MessageText);
        Assert.Equal(0, peeked.DequeueCount);
        Assert.Equal(1, received.DequeueCount);
    }

    [Fact]
    public async Task UpdatingVisibilityReturnsAMessageAndItsDequeueCountRises()
    {
        var queue = await TestStorage.NewQueueAsync();
        await queue.SendMessageAsync("m");

        var first = Assert.Single((await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromMinutes(1))).Value);
        var update = (await queue.UpdateMessageAsync(first.MessageId, first.PopReceipt, visibilityTimeout: TimeSpan.Zero)).Value;
        var second = Assert.Single((await queue.ReceiveMessagesAsync()).Value);
        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(first.MessageId, first.PopReceipt));

        Assert.NotEqual(first.PopReceipt, update.PopReceipt);
        Assert.Equal(2, second.DequeueCount);
        Assert.Equal((400, "PopReceiptMismatch"), (stale.Status, stale.ErrorCode));
    }

    [Fact]
    public async Task UpdatingAMessageCanChangeItsText()
    {
        var queue = await TestStorage.NewQueueAsync();
        await queue.SendMessageAsync("before");

        var first = Assert.Single((await queue.ReceiveMessagesAsync()).Value);
        await queue.UpdateMessageAsync(first.MessageId, first.PopReceipt, "after", TimeSpan.Zero);

        Assert.Equal("after", Assert.Single((await queue.ReceiveMessagesAsync()).Value).MessageText);
    }

    [Fact]
    public async Task BinaryBodiesAreSentAsBase64()
    {
        var queue = await TestStorage.NewQueueAsync();

        await queue.SendMessageAsync(BinaryData.FromString("{\"id\":\"é\"}"));

        var text = Assert.Single((await queue.ReceiveMessagesAsync()).Value).MessageText;
        Assert.Equal("{\"id\":\"é\"}", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(text)));
    }

    [Fact]
    public async Task AMissingQueueIs404QueueNotFound()
    {
        var queue = TestStorage.Queues().GetQueueClient(TestStorage.UniqueQueueName());

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("m"));

        Assert.Equal(404, error.Status);
        Assert.Equal("QueueNotFound", error.ErrorCode);
    }

    [Theory]
    [InlineData("UPPER")]
    [InlineData("ab")]
    [InlineData("a--b")]
    [InlineData("-ab")]
    public void InvalidQueueNamesAreRefused(string name) =>
        Assert.Throws<ArgumentException>(() => TestStorage.Queues().GetQueueClient(name));
}
