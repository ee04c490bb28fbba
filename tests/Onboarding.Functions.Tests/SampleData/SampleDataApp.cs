using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.SampleData;

/// <summary>The app on a clock the test moves, with its own expiry index so purges never see other tests' rows.</summary>
public sealed class SampleDataApp : IAsyncDisposable
{
    public SampleDataApp(Action<OnboardingApplication>? configure = null)
    {
        App = new OnboardingApplication()
            .WithSetting("SampleData:ExpiryIndexTable", IndexTable)
            .WithServices(s => s.AddSingleton<TimeProvider>(Clock));
        configure?.Invoke(App);
    }

    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public string IndexTable { get; } = TestStorage.UniqueTableName("expiry");

    public OnboardingApplication App { get; }

    public TableClient Index => TestStorage.Tables().GetTableClient(IndexTable);

    public async Task<IReadOnlyList<TableEntity>> IndexRowsAsync()
    {
        await Index.CreateIfNotExistsAsync();
        return await Index.QueryAsync<TableEntity>().ToListAsync();
    }

    /// <summary>Fires the purge the way the Functions host does: POST /PurgeExpiredSampleData with a timer payload.</summary>
    public async Task<HttpResponseMessage> RunPurgeAsync(bool isPastDue = false)
    {
        using var client = App.CreateClient();
        var pastDue = isPastDue ? "true" : "false";
        var payload = $$$"""{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":{{{pastDue}}}}},"Metadata":{}}""";
        return await client.PostAsync("/PurgeExpiredSampleData", JsonRequests.Json(payload));
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
