using Azure;
using Azure.Core;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Storage;

public sealed class TableTransactionContractTests
{
    [Fact]
    public async Task EveryKindOfActionCommitsTogether()
    {
        var table = await TestStorage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "merge") { ["A"] = 1, ["B"] = 1 });
        await table.AddEntityAsync(new TableEntity("p", "replace") { ["A"] = 1, ["B"] = 1 });
        await table.AddEntityAsync(new TableEntity("p", "delete"));
        var etag = (await table.GetEntityAsync("p", "merge")).Value.ETag;

        var result = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "add") { ["A"] = 1 }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "merge") { ["A"] = 2 }, etag),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "replace") { ["A"] = 2 }),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsert-merge") { ["A"] = 3 }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "upsert-replace") { ["A"] = 4 }),
        ]);

        var rows = (await table.QueryAsync().ToListAsync()).ToDictionary(e => e.RowKey);
        Assert.Equal(6, result.Value.Count);
        Assert.All(result.Value, r => Assert.Equal(204, r.Status));
        Assert.NotNull(result.Value[0].Headers.ETag);
        Assert.Equal(["add", "merge", "replace", "upsert-merge", "upsert-replace"], rows.Keys.Order());
        Assert.Equal((2, 1), (rows["merge"].GetInt32("A"), rows["merge"].GetInt32("B")));
        Assert.False(rows["replace"].ContainsKey("B"));
    }

    [Fact]
    public async Task OneBadActionWritesNothingAndNamesItsIndex()
    {
        var table = await TestStorage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "taken") { ["N"] = 1 });

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new(TableTransactionActionType.Add, new TableEntity("p", "taken") { ["N"] = 2 }),
            new(TableTransactionActionType.Add, new TableEntity("p", "b")),
            new(TableTransactionActionType.Add, new TableEntity("p", "c")),
        ]));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(1, error.FailedTransactionActionIndex);
        var rows = await table.QueryAsync().ToListAsync();
        Assert.Equal(1, Assert.Single(rows).GetInt32("N"));
    }

    [Fact]
    public async Task AStaleETagInATransactionIs412AndWritesNothing()
    {
        var table = await TestStorage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 });
        var stale = (await table.GetEntityAsync("p", "r")).Value.ETag;
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 2 }, ETag.All);

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "new")),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "r") { ["N"] = 3 }, stale),
        ]));

        Assert.Equal(412, error.Status);
        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.False((await table.GetEntityIfExistsAsync("p", "new")).HasValue);
        Assert.Equal(2, (await table.GetEntityAsync("p", "r")).Value.GetInt32("N"));
    }

    [Fact]
    public async Task ATransactionSpanningTwoPartitionsIsRefusedBeforeSending()
    {
        var recorder = new RequestRecorder();
        var table = await TestStorage.NewTableAsync(TestStorage.Options(o => o.AddPolicy(recorder, HttpPipelinePosition.PerRetry)));
        recorder.Clear();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p1", "a")),
            new(TableTransactionActionType.Add, new TableEntity("p2", "a")),
        ]));

        Assert.Contains("one partition", error.Message);
        Assert.Equal(0, recorder.Count);
        Assert.Empty(await table.QueryAsync().ToListAsync());
    }

    [Fact]
    public async Task MoreThan100ActionsOrOneEntityTwiceAreRefusedBeforeSending()
    {
        var recorder = new RequestRecorder();
        var table = await TestStorage.NewTableAsync(TestStorage.Options(o => o.AddPolicy(recorder, HttpPipelinePosition.PerRetry)));
        recorder.Clear();

        var tooMany = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}")))));
        var twice = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new(TableTransactionActionType.Delete, new TableEntity("p", "a")),
        ]));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([]));

        Assert.Contains("at most 100", tooMany.Message);
        Assert.Contains("second time", twice.Message);
        Assert.Equal(0, recorder.Count);
    }

    [Fact]
    public async Task ExactlyOneHundredActionsCommit()
    {
        var table = await TestStorage.NewTableAsync();

        var result = await table.SubmitTransactionAsync(
            Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D3}") { ["I"] = i })));

        Assert.Equal(100, result.Value.Count);
        Assert.Equal(100, (await table.QueryAsync().ToListAsync()).Count);
    }
}
