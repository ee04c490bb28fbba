using Azure;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Storage;

public sealed class TableEntityContractTests
{
    [Fact]
    public async Task CreatingATableThatExistsIsNotAnError()
    {
        var table = TestStorage.Tables().GetTableClient(TestStorage.UniqueTableName());

        var first = await table.CreateIfNotExistsAsync();
        var second = await table.CreateIfNotExistsAsync();

        Assert.Contains(first.Status, new[] { 201, 204 });
        Assert.Equal(409, second.Status);
    }

    [Fact]
    public async Task EveryPropertyTypeReadsBackWithItsType()
    {
        var table = await TestStorage.NewTableAsync();
        var when = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)).AddTicks(9);
        var id = Guid.NewGuid();
        var entity = new TableEntity("p", "r")
        {
            ["Text"] = "héllo 'world' – 日本",
            ["Flag"] = true,
            ["Small"] = 42,
            ["Big"] = 9_007_199_254_740_993L,
            ["Whole"] = 5.0,
            ["Fraction"] = -0.125,
            ["When"] = when,
            ["Id"] = id,
            ["Bytes"] = new byte[] { 0, 1, 254, 255 },
        };

        await table.AddEntityAsync(entity);
        var read = (await table.GetEntityAsync("p", "r")).Value;

        Assert.Equal("héllo 'world' – 日本", Assert.IsType<string>(read["Text"]));
        Assert.True(Assert.IsType<bool>(read["Flag"]));
        Assert.Equal(42, Assert.IsType<int>(read["Small"]));
        Assert.Equal(9_007_199_254_740_993L, Assert.IsType<long>(read["Big"]));
        Assert.Equal(5.0, Assert.IsType<double>(read["Whole"]));
        Assert.Equal(-0.125, Assert.IsType<double>(read["Fraction"]));
        Assert.Equal(when.UtcDateTime, Assert.IsType<DateTimeOffset>(read["When"]).UtcDateTime);
        Assert.Equal(id, Assert.IsType<Guid>(read["Id"]));
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, Assert.IsType<byte[]>(read["Bytes"]));
        Assert.NotEqual(default, read.ETag);
        Assert.NotNull(read.Timestamp);
    }

    [Fact]
    public async Task AddingAnEntityThatExistsIsAConflict()
    {
        var table = await TestStorage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 2 }));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.IsNotType<EntityAlreadyExistsAfterRetryException>(error);
        Assert.Equal(1, (await table.GetEntityAsync("p", "r")).Value.GetInt32("N"));
    }

    [Fact]
    public async Task AMissingEntityIs404OrNoValue()
    {
        var table = await TestStorage.NewTableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync("p", "missing"));
        var maybe = await table.GetEntityIfExistsAsync("p", "missing");

        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
        Assert.False(maybe.HasValue);
    }

    [Fact]
    public async Task AMissingTableIsAnErrorEvenForGetIfExists()
    {
        var table = TestStorage.Tables().GetTableClient(TestStorage.UniqueTableName());

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityIfExistsAsync("p", "r"));

        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task AnUpdateWithAStaleETagIsRefusedAndChangesNothing()
    {
        var table = await TestStorage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 });
        var read = (await table.GetEntityAsync("p", "r")).Value;
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 2 }, read.ETag);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 3 }, read.ETag));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.Equal(2, (await table.GetEntityAsync("p", "r")).Value.GetInt32("N"));
    }

    [Fact]
    public async Task AnUpdateNeedsAnETagAndETagAllMeansUnconditional()
    {
        var table = await TestStorage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 });

        await Assert.ThrowsAsync<ArgumentException>(() => table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 2 }, default));
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 3 }, ETag.All);

        Assert.Equal(3, (await table.GetEntityAsync("p", "r")).Value.GetInt32("N"));
    }

    [Fact]
    public async Task UpdatingAMissingEntityIs404()
    {
        var table = await TestStorage.NewTableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.UpdateEntityAsync(new TableEntity("p", "nobody") { ["N"] = 1 }, ETag.All));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task MergeKeepsOtherPropertiesAndReplaceDropsThem()
    {
        var table = await TestStorage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "merge") { ["A"] = 1, ["B"] = 2 });
        await table.AddEntityAsync(new TableEntity("p", "replace") { ["A"] = 1, ["B"] = 2 });

        await table.UpdateEntityAsync(new TableEntity("p", "merge") { ["A"] = 10 }, ETag.All, TableUpdateMode.Merge);
        await table.UpdateEntityAsync(new TableEntity("p", "replace") { ["A"] = 10 }, ETag.All, TableUpdateMode.Replace);

        var merged = (await table.GetEntityAsync("p", "merge")).Value;
        var replaced = (await table.GetEntityAsync("p", "replace")).Value;
        Assert.Equal((10, 2), (merged.GetInt32("A"), merged.GetInt32("B")));
        Assert.Equal(10, replaced.GetInt32("A"));
        Assert.False(replaced.ContainsKey("B"));
    }

    [Fact]
    public async Task UpsertCreatesThenReplacesOrMerges()
    {
        var table = await TestStorage.NewTableAsync();

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 1 }, TableUpdateMode.Replace);
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = 2 }, TableUpdateMode.Merge);
        var merged = (await table.GetEntityAsync("p", "r")).Value;
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["C"] = 3 }, TableUpdateMode.Replace);
        var replaced = (await table.GetEntityAsync("p", "r")).Value;

        Assert.Equal((1, 2), (merged.GetInt32("A"), merged.GetInt32("B")));
        Assert.Equal(["C"], replaced.Keys);
    }

    [Fact]
    public async Task DeleteHonoursTheETagAndAMissingEntityIsNotAnError()
    {
        var table = await TestStorage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 });
        var stale = (await table.GetEntityAsync("p", "r")).Value.ETag;
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 2 }, ETag.All);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", stale));
        var current = (await table.GetEntityAsync("p", "r")).Value.ETag;
        await table.DeleteEntityAsync("p", "r", current);
        var again = await table.DeleteEntityAsync("p", "r");

        Assert.Equal(412, error.Status);
        Assert.Equal(404, again.Status);
        Assert.False((await table.GetEntityIfExistsAsync("p", "r")).HasValue);
    }

    [Theory]
    [InlineData("O'Brien")]
    [InlineData("''")]
    [InlineData("Zürich – 日本 😀")]
    [InlineData("a b+c%d&e=f")]
    [InlineData("(PartitionKey='x')")]
    public async Task KeysWithQuotesAndNonAsciiWorkForEveryOperation(string key)
    {
        var table = await TestStorage.NewTableAsync();

        await table.AddEntityAsync(new TableEntity(key, key) { ["N"] = 1 });
        var read = (await table.GetEntityAsync(key, key)).Value;
        await table.UpdateEntityAsync(new TableEntity(key, key) { ["N"] = 2 }, read.ETag);
        var found = await table.QueryAsync(TableFilter.Create($"PartitionKey eq {key} and RowKey eq {key}")).ToListAsync();
        await table.DeleteEntityAsync(key, key);

        Assert.Equal((key, key), (read.PartitionKey, read.RowKey));
        Assert.Equal(2, Assert.Single(found).GetInt32("N"));
        Assert.False((await table.GetEntityIfExistsAsync(key, key)).HasValue);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("a\u007fb")]
    public async Task ForbiddenKeyCharactersAreRefusedBeforeSending(string key)
    {
        var recorder = new RequestRecorder();
        var table = TestStorage.Tables(TestStorage.Options(o => o.AddPolicy(recorder, Azure.Core.HttpPipelinePosition.PerRetry)))
            .GetTableClient(TestStorage.UniqueTableName());

        await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity("p", key)));
        await Assert.ThrowsAsync<ArgumentException>(() => table.GetEntityAsync(key, "r"));

        Assert.Equal(0, recorder.Count);
    }

    [Fact]
    public void KeysLongerThanTheServiceLimitAreRefused()
    {
        Assert.True(TableKeys.IsValid(new string('k', TableKeys.MaxLength), out _));
        Assert.False(TableKeys.IsValid(new string('k', TableKeys.MaxLength + 1), out var problem));
        Assert.Contains("512", problem);
    }
}
