using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Events;

public sealed class IngestionFaultTests
{
    [Fact]
    public async Task AFailureBetweenTransactionsFollowedByRedeliveryEndsWithExactCounts()
    {
        var org = TestStorage.UniqueId();
        // The second transaction on the organizations' table (not the daily projection) fails once.
        var fault = new StorageFault(m => StorageFault.TransactionsContaining("/Onboarding(")(m) || StorageFault.TransactionsContaining("/Onboarding HTTP/1.1")(m), failOnMatch: 2);
        await using var app = IngestionApp.Create()
            .WithServices(s => s.AddSingleton(TestStorage.Options(o => o.AddPolicy(fault, HttpPipelinePosition.PerCall))));
        app.StartServer();
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
}
