using System.Text;
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
        var fault = new FailSecondOrganizationTransaction();
        await using var app = IngestionApp.Create()
            .WithServices(s => s.AddSingleton(TestStorage.Options(o => o.AddPolicy(fault, HttpPipelinePosition.PerCall))));
        app.StartServer();
        var events = Enumerable.Range(0, 250).Select(_ => TestEvents.Event(org, "volunteer_added")).ToList();

        await app.EventsQueue().SendMessageAsync(TestEvents.Batch(events));
        await app.DrainAsync();

        var rows = await IngestionApp.EventuallyAsync(() => StoredRows.OfOrganizationAsync(org),
            r => r.Count(x => x.GetString("Type") == "volunteer_added") == 250);
        Assert.True(fault.Failed, "the fault was never injected");
        Assert.Equal(250, rows.Single(r => r.RowKey == "profile|activity").GetInt64("Counter_volunteers"));
        Assert.Equal(250, rows.Count(r => r.GetString("Type") == "volunteer_added"));
        Assert.Empty((await app.PoisonQueue().PeekMessagesAsync()).Value);
    }

    /// <summary>Fails the second transaction on the organizations' table once, after the first has committed.</summary>
    private sealed class FailSecondOrganizationTransaction : HttpPipelinePolicy
    {
        private int seen;

        public bool Failed { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal) && TargetsOrganizations(message.Request)
                && Interlocked.Increment(ref seen) == 2)
            {
                Failed = true;
                throw new Azure.RequestFailedException(500, "Simulated: the service failed after the first transaction.");
            }
            return ProcessNextAsync(message, pipeline);
        }

        private static bool TargetsOrganizations(Request request)
        {
            using var body = new MemoryStream();
            request.Content!.WriteTo(body, default);
            var text = Encoding.UTF8.GetString(body.ToArray());
            return text.Contains("/Onboarding(", StringComparison.Ordinal) || text.Contains("/Onboarding HTTP/1.1", StringComparison.Ordinal);
        }
    }
}
