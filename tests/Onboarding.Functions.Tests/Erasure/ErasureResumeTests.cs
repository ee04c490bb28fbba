using System.Net;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Tests.Events;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Erasure;

/// <summary>Erasures interrupted (a storage failure, the time budget) and finished by a retry or by the queue function, in process.</summary>
public sealed class ErasureResumeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task AnErasureThatFailsAtItsNthDeleteTransactionIsFinishedByTheRetry(int failingTransaction)
    {
        var org = TestStorage.UniqueId();
        var fault = new StorageFault(m => StorageFault.AnyTransaction(m) && StorageFault.TransactionsContaining("DELETE ")(m), failingTransaction) { Armed = false };
        await using var app = new InProcessApp()
            .WithServices(s => s.AddSingleton(TestStorage.Customize(o => o.AddPolicy(fault, HttpPipelinePosition.PerCall))));
        await app.StartedAsync();
        await WriteManyAsync(app, org);
        using var admin = app.ClientFor(org);

        fault.Armed = true;
        using var failed = await admin.DeleteAsync($"/api/orgs/{org}/onboarding");
        var halfway = await OrganizationFootprint.RowsNamingAsync(org);
        var status = await (await admin.GetAsync($"/api/orgs/{org}/onboarding/erasure")).ReadJsonAsync();
        using var retried = await admin.DeleteAsync($"/api/orgs/{org}/onboarding");

        Assert.True(fault.Fired);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotEmpty(halfway);
        Assert.Equal("in_progress", status.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Empty(await OrganizationFootprint.RowsNamingAsync(org));
    }

    [Fact]
    public async Task AnErasureOutOfTimeAnswers202AndTheQueueFunctionFinishesIt()
    {
        var org = TestStorage.UniqueId();
        await using var app = new InProcessApp().WithSetting("Erasure:RequestBudgetSeconds", "0");
        await app.StartedAsync();
        await WriteManyAsync(app, org);
        using var admin = app.ClientFor(org);

        using var accepted = await admin.DeleteAsync($"/api/orgs/{org}/onboarding");
        var body = await accepted.ReadJsonAsync();
        var status = await (await admin.GetAsync(accepted.Headers.Location!.ToString())).ReadJsonAsync();
        await app.DrainAsync();
        var after = await (await admin.GetAsync(accepted.Headers.Location!.ToString())).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal($"/api/orgs/{org}/onboarding/erasure", accepted.Headers.Location!.ToString());
        Assert.Equal("in_progress", body.GetProperty("status").GetString());
        Assert.Equal("in_progress", status.GetProperty("status").GetString());
        Assert.Equal("completed", after.GetProperty("status").GetString());
        Assert.Empty(await OrganizationFootprint.RowsNamingAsync(org));
    }

    [Fact]
    public async Task AnErasureOutOfTimeIsResumedByDeletingAgain()
    {
        var org = TestStorage.UniqueId();
        await using var slow = new InProcessApp().WithSetting("Erasure:RequestBudgetSeconds", "0");
        await slow.StartedAsync();
        await WriteManyAsync(slow, org);
        using (var admin = slow.ClientFor(org))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await admin.DeleteAsync($"/api/orgs/{org}/onboarding")).StatusCode);
        }
        await using var app = new InProcessApp();
        await app.StartedAsync();

        using var finished = await app.ClientFor(org).DeleteAsync($"/api/orgs/{org}/onboarding");

        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        Assert.Empty(await OrganizationFootprint.RowsNamingAsync(org));
    }

    /// <summary>Everything an organization can have, and enough events over several days that the erasure needs many transactions.</summary>
    private static async Task WriteManyAsync(InProcessApp app, string org)
    {
        await OrganizationFootprint.WriteEverythingAsync(app, org);
        var events = Enumerable.Range(0, 250).Select(i => TestEvents.Event(org, "volunteer_added",
            more: e => e["timestamp"] = TestEvents.At.AddHours(-7 * i).ToString("O"))).ToList();
        await app.EventsQueue().SendMessageAsync(TestEvents.Batch(events));
        await app.DrainAsync();
        Assert.True((await StoredRows.EventsAsync(org)).Count > 250);
    }
}
