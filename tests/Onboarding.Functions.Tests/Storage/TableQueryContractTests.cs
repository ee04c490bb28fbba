using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Storage;

public sealed class TableQueryContractTests
{
    [Fact]
    public async Task AQueryFollowsContinuationTokensPast1000Entities()
    {
        var table = await TestStorage.NewTableAsync();
        const int count = 1_250;
        for (var start = 0; start < count; start += TableClient.MaxTransactionActions)
        {
            var batch = Enumerable.Range(start, Math.Min(TableClient.MaxTransactionActions, count - start))
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", i.ToString("D5")) { ["I"] = i }));
            await table.SubmitTransactionAsync(batch);
        }

        var pages = await table.QueryAsync(TableFilter.Create($"PartitionKey eq {"p"}")).AsPages().ToListAsync();
        var rows = pages.SelectMany(p => p.Values).ToList();

        Assert.True(pages.Count >= 2, $"expected the service to page, got {pages.Count} page(s)");
        Assert.All(pages, p => Assert.True(p.Values.Count <= 1_000));
        Assert.Equal(Enumerable.Range(0, count), rows.Select(r => r.GetInt32("I")!.Value).Order());
    }

    [Fact]
    public async Task TopLimitsEachPageAndTheQueryStillReturnsEverything()
    {
        var table = await TestStorage.NewTableAsync();
        await table.SubmitTransactionAsync(Enumerable.Range(0, 25)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D2}"))));

        var pages = await table.QueryAsync(maxPerPage: 10).AsPages().ToListAsync();

        Assert.Equal([10, 10, 5], pages.Select(p => p.Values.Count).Where(n => n > 0));
        Assert.Equal(25, pages.Sum(p => p.Values.Count));
    }

    [Fact]
    public async Task FilterValuesWithQuotesAndNonAsciiMatchExactly()
    {
        var table = await TestStorage.NewTableAsync();
        var names = new[] { "O'Brien", "O''Brien", "Zoë ' or RowKey ne '", "日本" };
        await table.SubmitTransactionAsync(names.Select((n, i) =>
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}") { ["Name"] = n })));

        foreach (var name in names)
        {
            var found = await table.QueryAsync(TableFilter.Create($"PartitionKey eq {"p"} and Name eq {name}")).ToListAsync();
            Assert.Equal(name, Assert.Single(found).GetString("Name"));
        }
    }

    [Fact]
    public async Task TypedFilterValuesCompareByType()
    {
        var table = await TestStorage.NewTableAsync();
        var day = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var id = Guid.NewGuid();
        await table.SubmitTransactionAsync(Enumerable.Range(0, 6).Select(i => new TableTransactionAction(
            TableTransactionActionType.Add,
            new TableEntity("p", $"r{i}") { ["Count"] = i, ["At"] = day.AddDays(i), ["Ok"] = i % 2 == 0, ["Id"] = i == 3 ? id : Guid.Empty, ["Score"] = i + 0.5 })));

        async Task<int[]> Rows(FormattableString filter) =>
            (await table.QueryAsync(TableFilter.Create(filter)).ToListAsync()).Select(e => e.GetInt32("Count")!.Value).Order().ToArray();

        Assert.Equal(new[] { 4, 5 }, await Rows($"Count ge {4}"));
        Assert.Equal(new[] { 0, 1 }, await Rows($"At lt {day.AddDays(2)}"));
        Assert.Equal(new[] { 0, 2, 4 }, await Rows($"Ok eq {true}"));
        Assert.Equal(new[] { 3 }, await Rows($"Id eq {id}"));
        Assert.Equal(new[] { 5 }, await Rows($"Score gt {5.0}"));
    }

    [Fact]
    public async Task SelectReturnsOnlyTheNamedProperties()
    {
        var table = await TestStorage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 2 });

        var queried = Assert.Single(await table.QueryAsync(select: ["A"]).ToListAsync());
        var got = (await table.GetEntityAsync("p", "r", select: ["B"])).Value;

        Assert.Equal(["A"], queried.Keys);
        Assert.Equal(["B"], got.Keys);
    }

    [Fact]
    public async Task ARowKeyPrefixQueryReturnsOnlyThatRange()
    {
        var table = await TestStorage.NewTableAsync();
        await table.SubmitTransactionAsync(new[] { "profile|state", "profile|activity", "profilez", "event|1", "sample|x" }
            .Select(rk => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("org", rk))));
        await table.AddEntityAsync(new TableEntity("other", "profile|state"));

        var rows = await table.QueryAsync(TableFilter.RowKeyPrefix("org", "profile|")).ToListAsync();

        Assert.Equal(["profile|activity", "profile|state"], rows.Select(r => r.RowKey));
    }

    [Fact]
    public void FilterLiteralsAreTypedAndEscaped()
    {
        Assert.Equal("Name eq 'O''Brien' and N ge 5L and D eq 2.0 and I lt 3 and B eq false",
            TableFilter.Create($"Name eq {"O'Brien"} and N ge {5L} and D eq {2.0} and I lt {3} and B eq {false}"));
        Assert.Equal("datetime'2026-01-02T03:04:05.0000000Z'", TableFilter.Literal(new DateTimeOffset(2026, 1, 2, 4, 4, 5, TimeSpan.FromHours(1))));
        Assert.Equal("X'00ff'", TableFilter.Literal(new byte[] { 0, 255 }));
        Assert.Throws<ArgumentException>(() => TableFilter.Literal(new object()));
    }
}
