using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Events;

public sealed class IngestionFaultTests
{
    [Fact]
    public async Task AFailureBetweenTransactionsFollowedByRedeliveryEndsWithExactCounts()
    {
        var org = TestStorage.UniqueId();
        var fault = new StorageFault(IsOrganizationTransaction, failOnMatch: 2);
        await using var app = new InProcessApp()
            .WithServices(s => s.AddSingleton(TestStorage.Customize(o => o.AddPolicy(fault, HttpPipelinePosition.PerCall))));
        await app.StartedAsync();
        var events = Enumerable.Range(0, 250).Select(_ => TestEvents.Event(org, "volunteer_added")).ToList();

        await app.EventsQueue().SendMessageAsync(TestEvents.Batch(events));
        await app.DrainAsync();

        var rows = await IngestionApp.EventuallyAsync(() => StoredRows.OfOrganizationAsync(org),
            r => r.Count(x => x.GetString("Type") == "volunteer_added") == 250);
        Assert.True(fault.Fired, "the fault was never injected");
        Assert.Equal(250, rows.Single(r => r.RowKey == "profile|activity").GetInt64("Counter_volunteers"));
        Assert.Equal(250, rows.Count(r => r.GetString("Type") == "volunteer_added"));
        Assert.Empty((await app.PoisonQueue().PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task ATransactionWhoseReplyWasLostAndThatTheSdkSentAgainCountsItsEventsOnce()
    {
        var org = TestStorage.UniqueId();
        var lost = new LostReply(IsOrganizationTransaction);
        await using var app = new InProcessApp()
            .WithServices(s => s.AddSingleton(TestStorage.Customize(o => o.AddPolicy(lost, HttpPipelinePosition.PerRetry))));
        await app.StartedAsync();
        var events = Enumerable.Range(0, 250).Select(_ => TestEvents.Event(org, "volunteer_added")).ToList();

        await app.EventsQueue().SendMessageAsync(TestEvents.Batch(events));
        await app.DrainAsync();

        var rows = await StoredRows.OfOrganizationAsync(org);
        Assert.True(lost.Fired, "no reply was lost");
        Assert.Equal(250, rows.Single(r => r.RowKey == "profile|activity").GetInt64("Counter_volunteers"));
        Assert.Equal(250, rows.Count(r => r.GetString("Type") == "volunteer_added"));
        Assert.Empty((await app.PoisonQueue().PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task AMessageThatNeedsThreeTransactionsReadsTheOrganizationOnce()
    {
        var org = TestStorage.UniqueId();
        var recorder = new RequestRecorder();
        await using var app = new InProcessApp()
            .WithServices(s => s.AddSingleton(TestStorage.Customize(o => o.AddPolicy(recorder, HttpPipelinePosition.PerCall))));
        await app.StartedAsync();

        await app.EventsQueue().SendMessageAsync(TestEvents.Batch(Enumerable.Range(0, 250).Select(_ => TestEvents.Event(org, "volunteer_added"))));
        await app.DrainAsync();

        var rows = await StoredRows.OfOrganizationAsync(org);
        Assert.Equal(250, rows.Single(r => r.RowKey == "profile|activity").GetInt64("Counter_volunteers"));
        Assert.Equal(1, recorder.Requests.Count(r => r.ReadsOrganization(org)));
    }

    [Fact]
    public async Task AnotherWriterBetweenTransactionsOfOneMessageIsCaughtByTheETagsAndCountsStayExact()
    {
        var org = TestStorage.UniqueId();
        var recorder = new RequestRecorder();
        var otherWriter = new TouchActivityAfterFirstOrganizationTransaction(org);
        await using var app = new InProcessApp()
            .WithServices(s => s.AddSingleton(TestStorage.Customize(o =>
            {
                o.AddPolicy(recorder, HttpPipelinePosition.PerCall);
                o.AddPolicy(otherWriter, HttpPipelinePosition.PerCall);
            })));
        await app.StartedAsync();

        await app.EventsQueue().SendMessageAsync(TestEvents.Batch(Enumerable.Range(0, 250).Select(_ => TestEvents.Event(org, "volunteer_added"))));
        await app.DrainAsync();

        var rows = await StoredRows.OfOrganizationAsync(org);
        Assert.True(otherWriter.Touched, "the other writer never wrote");
        Assert.Equal(250, rows.Single(r => r.RowKey == "profile|activity").GetInt64("Counter_volunteers"));
        Assert.Equal(250, rows.Count(r => r.GetString("Type") == "volunteer_added"));
        // The transaction after the other write was refused (412) and its retry read the organization again.
        Assert.Equal(2, recorder.Requests.Count(r => r.ReadsOrganization(org)));
        Assert.Empty((await app.PoisonQueue().PeekMessagesAsync()).Value);
    }


    /// <summary>Transactions on the organizations' table, not on the daily projection.</summary>
    private static bool IsOrganizationTransaction(HttpMessage message) =>
        StorageFault.TransactionsContaining("/Onboarding(")(message) || StorageFault.TransactionsContaining("/Onboarding HTTP/1.1")(message);

    /// <summary>Another instance, as it were: rewrites the activity row (same counters, new ETag) once the first transaction has committed.</summary>
    private sealed class TouchActivityAfterFirstOrganizationTransaction(string organizationId) : HttpPipelinePolicy
    {
        private int seen;

        public bool Touched { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var first = IsOrganizationTransaction(message) && Interlocked.Increment(ref seen) == 1;
            await ProcessNextAsync(message, pipeline);
            if (first)
            {
                var table = TestStorage.Tables().GetTableClient(Onboarding.Functions.Storage.OnboardingStorage.OnboardingTable);
                await table.UpsertEntityAsync(new TableEntity(organizationId, "profile|activity") { ["TouchedByAnotherWriter"] = true });
                Touched = true;
            }
        }
    }
}
