using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Infrastructure;
using Onboarding.Functions.Tests.Wizard;

namespace Onboarding.Functions.Tests.Organizations;

/// <summary>The pending-projection rows of changes made at the same time (<see cref="Onboarding.Functions.Organizations.GroupedRowWrites"/>).</summary>
public sealed class PendingRowWritesTests
{
    [Fact]
    public async Task ChangesMadeAtTheSameTimeWriteAndRemoveTheirPendingRowsInFewerRequestsThanRows()
    {
        const int changes = 8;
        var organizations = Enumerable.Range(0, changes).Select(_ => TestStorage.UniqueId()).ToList();
        var slow = new SlowTableWrites(OnboardingStorage.PendingProjectionsTable);
        await using var app = new InProcessApp().WithServices(s => s.AddSingleton(TestStorage.Customize(o => o.AddPolicy(slow, HttpPipelinePosition.PerCall))));
        await app.StartedAsync();

        var responses = await Task.WhenAll(organizations.Select(async org =>
        {
            using var client = app.ClientFor(org);
            using var response = await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(WizardApiTests.Steps[0]));
            return response.StatusCode;
        }));

        Assert.All(responses, status => Assert.Equal(System.Net.HttpStatusCode.OK, status));
        // Each change writes its row before its commit and removes it after its projection: 2 × 8 rows, in fewer requests,
        // some carrying several changes' rows. How many fewer depends on how close together the changes reach storage (a
        // loaded machine spreads them over several 300 ms rounds, and the partition is the minute, which a run may cross).
        Assert.InRange(slow.Requests, 2, 2 * changes - 1);
        Assert.Contains(slow.Rows, request => organizations.Count(org => request.Contains(org, StringComparison.Ordinal)) >= 2);
        var left = await TestStorage.Tables().GetTableClient(OnboardingStorage.PendingProjectionsTable).QueryAsync<TableEntity>().ToListAsync();
        Assert.DoesNotContain(left, row => organizations.Any(org => row.RowKey.StartsWith(org + "|", StringComparison.Ordinal)));
        Assert.All(organizations, org => Assert.Contains(org, string.Join(',', slow.Rows)));
    }
}

/// <summary><see cref="Onboarding.Functions.Organizations.GroupedRowWrites"/> on a table of its own.</summary>
public sealed class GroupedRowWritesTests
{
    [Fact]
    public async Task WhenOneRowOfATransactionFailsEveryOtherRowIsStillWrittenAndItsCallerToldSo()
    {
        var firstHeld = new HoldFirstRequest();
        var table = await TestStorage.NewTableAsync(o => o.AddPolicy(firstHeld, HttpPipelinePosition.PerCall));
        await table.UpsertEntityAsync(new TableEntity("p", "a"));
        await table.UpsertEntityAsync(new TableEntity("p", "b"));
        firstHeld.Armed = true;
        var writes = new Onboarding.Functions.Organizations.GroupedRowWrites(table);

        var first = writes.UpsertAsync(new TableEntity("p", "first"), CancellationToken.None);
        // These arrive while the first is out, so they go together; deleting a row that is not there fails that transaction.
        var deleteA = writes.DeleteAsync("p", "a", CancellationToken.None);
        var deleteMissing = writes.DeleteAsync("p", "missing", CancellationToken.None);
        var deleteB = writes.DeleteAsync("p", "b", CancellationToken.None);
        var upsertC = writes.UpsertAsync(new TableEntity("p", "c") { ["Value"] = 1 }, CancellationToken.None);
        await Task.WhenAll(first, deleteA, deleteB, upsertC);
        var missing = await Record.ExceptionAsync(() => deleteMissing);

        var rows = await table.QueryAsync<TableEntity>().Select(r => r.RowKey).ToListAsync();
        Assert.Equal(["c", "first"], rows.Order());
        Assert.Null(missing);   // the row is gone, as its caller wanted
        Assert.Equal(1, firstHeld.Transactions);
    }

    [Fact]
    public async Task WritesOfOneRowMadeTogetherGoInTheOrderTheyWereMadeAndNeverInOneTransaction()
    {
        var firstHeld = new HoldFirstRequest();
        var table = await TestStorage.NewTableAsync(o => o.AddPolicy(firstHeld, HttpPipelinePosition.PerCall));
        firstHeld.Armed = true;
        var writes = new Onboarding.Functions.Organizations.GroupedRowWrites(table);

        var first = writes.UpsertAsync(new TableEntity("p", "first"), CancellationToken.None);
        // While the first is out: a row written, removed and written again (a change and the one after it), and another row.
        var written = writes.UpsertAsync(new TableEntity("p", "r") { ["Value"] = 1 }, CancellationToken.None);
        var removed = writes.DeleteAsync("p", "r", CancellationToken.None);
        var writtenAgain = writes.UpsertAsync(new TableEntity("p", "r") { ["Value"] = 2 }, CancellationToken.None);
        var other = writes.UpsertAsync(new TableEntity("p", "s"), CancellationToken.None);
        await Task.WhenAll(first, written, removed, writtenAgain, other);
        var (requests, transactions) = (firstHeld.Requests, firstHeld.Transactions);

        var rows = await table.QueryAsync<TableEntity>().ToDictionaryAsync(row => row.RowKey);
        Assert.Equal(["first", "r", "s"], rows.Keys.Order());
        Assert.Equal(2, rows["r"].GetInt32("Value"));
        // The first alone; r's first write with s; then its removal; then its second write: no transaction refused, none sent again row by row.
        Assert.Equal((4, 1), (requests, transactions));
    }

    /// <summary>Holds the first request after arming for 300 ms, and counts the requests and transactions sent after arming.</summary>
    private sealed class HoldFirstRequest : HttpPipelinePolicy
    {
        private int held;

        public volatile bool Armed;

        public int Requests;

        public int Transactions;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (Armed)
            {
                Interlocked.Increment(ref Requests);
            }
            if (StorageFault.AnyTransaction(message))
            {
                Interlocked.Increment(ref Transactions);
            }
            if (Armed && Interlocked.Exchange(ref held, 1) == 0)
            {
                await Task.Delay(300);
            }
            await ProcessNextAsync(message, pipeline);
        }
    }
}
