using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Storage;

public sealed class RetryContractTests
{
    [Fact]
    public async Task ARetryIsSignedAgainWithAFreshDateAndSucceeds()
    {
        var transport = new FlakyTransport(failBeforeSending: 1);
        var clock = new ManualClock { AutoAdvance = TimeSpan.FromSeconds(3) };
        var table = await TestStorage.NewTableAsync(TestStorage.Options(o => { o.Transport = transport; o.TimeProvider = clock; }));
        transport.Reset(failBeforeSending: 1);

        await table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 });

        var attempts = transport.Attempts.ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.NotEqual(attempts[0].Date, attempts[1].Date);
        Assert.NotEqual(attempts[0].Authorization, attempts[1].Authorization);
        Assert.Equal(1, (await table.GetEntityAsync("p", "r")).Value.GetInt32("N"));
    }

    [Fact]
    public async Task QueueRequestsAreSignedAgainOnRetry()
    {
        var transport = new FlakyTransport(failBeforeSending: 0);
        var clock = new ManualClock { AutoAdvance = TimeSpan.FromSeconds(3) };
        var queue = await TestStorage.NewQueueAsync(TestStorage.Options(o => { o.Transport = transport; o.TimeProvider = clock; }));
        transport.Reset(failBeforeSending: 2);

        await queue.SendMessageAsync("m");

        Assert.Equal(3, transport.Attempts.Count);
        Assert.Equal(3, transport.Attempts.Select(a => a.Authorization).Distinct().Count());
        Assert.Equal("m", Assert.Single((await queue.ReceiveMessagesAsync()).Value).MessageText);
    }

    [Fact]
    public async Task AnInsertWhoseReplyWasLostReportsAlreadyExistsAfterRetry()
    {
        var transport = new FlakyTransport(failBeforeSending: 0);
        var table = await TestStorage.NewTableAsync(TestStorage.Options(o => o.Transport = transport));
        transport.Reset(failAfterSending: 1);

        var error = await Assert.ThrowsAsync<EntityAlreadyExistsAfterRetryException>(() =>
            table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 }));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(1, (await table.GetEntityAsync("p", "r")).Value.GetInt32("N"));
    }

    [Fact]
    public async Task ATransactionWhoseReplyWasLostSaysItWasRetried()
    {
        var transport = new FlakyTransport(failBeforeSending: 0);
        var table = await TestStorage.NewTableAsync(TestStorage.Options(o => o.Transport = transport));
        transport.Reset(failAfterSending: 1);

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
            [new(TableTransactionActionType.Add, new TableEntity("p", "a")), new(TableTransactionActionType.Add, new TableEntity("p", "b"))]));

        Assert.True(error.AfterRetry);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(2, (await table.QueryAsync().ToListAsync()).Count);
    }

    [Fact]
    public async Task PersistentFailuresSurfaceAfterTheRetryBudget()
    {
        var transport = new FlakyTransport(failBeforeSending: 0);
        var table = await TestStorage.NewTableAsync(TestStorage.Options(o => { o.Transport = transport; o.Retry.MaxRetries = 2; }));
        transport.Reset(failBeforeSending: 100);

        await Assert.ThrowsAnyAsync<Exception>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(3, transport.Attempts.Count);
    }

    [Fact]
    public async Task UnreachableStorageIsOneRequestFailedExceptionWithStatusZero()
    {
        var table = new TableServiceClient(StorageConnectionString.ForAzurite(1, 1, 1), TestStorage.Options(o => o.Retry.MaxRetries = 1))
            .GetTableClient("unreachable");

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityIfExistsAsync("p", "r"));

        Assert.Equal(0, error.Status);
        Assert.Contains("could not be reached after 2 attempts", error.Message);
    }

    /// <summary>Sends through a real HTTP transport, failing chosen attempts with a connection error.</summary>
    private sealed class FlakyTransport(int failBeforeSending) : HttpPipelineTransport
    {
        private readonly HttpClientTransport inner = new();
        private int failBefore = failBeforeSending;
        private int failAfter;

        public ConcurrentQueue<(string Date, string Authorization)> Attempts { get; } = new();

        public void Reset(int failBeforeSending = 0, int failAfterSending = 0)
        {
            Attempts.Clear();
            failBefore = failBeforeSending;
            failAfter = failAfterSending;
        }

        public override Request CreateRequest() => inner.CreateRequest();

        public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message)
        {
            message.Request.Headers.TryGetValue("x-ms-date", out var date);
            message.Request.Headers.TryGetValue("Authorization", out var authorization);
            Attempts.Enqueue((date ?? "", authorization ?? ""));
            if (Interlocked.Decrement(ref failBefore) >= 0)
            {
                throw new IOException("simulated connection reset before the request was sent");
            }
            await inner.ProcessAsync(message);
            if (Interlocked.Decrement(ref failAfter) >= 0)
            {
                throw new IOException("simulated connection reset after the request was processed");
            }
        }
    }
}
