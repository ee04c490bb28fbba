using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.SampleData;

/// <summary>The app on a clock the test moves, with its own expiry index so purges never see other tests' rows.</summary>
public sealed class SampleDataApp : IAsyncDisposable
{
    public SampleDataApp(Action<InProcessApp>? configure = null)
    {
        App = new InProcessApp()
            .WithSetting("SampleData:ExpiryIndexTable", IndexTable)
            .WithServices(s => s.AddSingleton<TimeProvider>(Clock));
        configure?.Invoke(App);
    }

    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public string IndexTable { get; } = TestStorage.UniqueTableName("expiry");

    public InProcessApp App { get; }

    public TableClient Index => TestStorage.Tables().GetTableClient(IndexTable);

    public async Task<IReadOnlyList<TableEntity>> IndexRowsAsync()
    {
        await Index.CreateIfNotExistsAsync();
        return await Index.QueryAsync<TableEntity>().ToListAsync();
    }

    public Task<HttpResponseMessage> RunPurgeAsync(bool isPastDue = false) => App.RunPurgeAsync(isPastDue);

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
