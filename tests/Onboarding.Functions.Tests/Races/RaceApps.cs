using System.Net;
using System.Text.Json;
using Onboarding.Domain.Catalog;
using Onboarding.Functions.Tests.Events;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Races;

/// <summary>
/// Two instances of the app over one Azurite, as two scaled-out hosts: the same events queue (both drivers
/// take from it), the same expiry index, and a catalog in which <c>add_team</c> is a manual task.
/// </summary>
public sealed class RaceApps : IAsyncLifetime
{
    public const string ManualTask = "add_team";

    private readonly string catalogPath = Path.Combine(Path.GetTempPath(), $"race-catalog-{Guid.NewGuid():N}.json");
    private readonly string queue = TestStorage.UniqueQueueName("race");
    private readonly string index = TestStorage.UniqueTableName("raceexpiry");
    private readonly string versionsTable = TestStorage.UniqueTableName("racecatalog");

    public OnboardingApplication First { get; private set; } = null!;

    public OnboardingApplication Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var manual = DefaultCatalog.Json.Replace(
            "\"criteria\": { \"type\": \"activity_count\", \"counter\": \"teams\", \"operator\": \">=\", \"value\": 1 }",
            "\"criteria\": { \"type\": \"manual\" }", StringComparison.Ordinal);
        Assert.NotEqual(DefaultCatalog.Json, manual);
        await File.WriteAllTextAsync(catalogPath, manual);
        First = await Instance().StartedAsync();
        Second = await Instance().StartedAsync();
    }

    private OnboardingApplication Instance() => IngestionApp.Create()
        .WithSetting(Onboarding.Functions.Storage.EventsQueue.Setting, queue)
        .WithSetting("SampleData:ExpiryIndexTable", index)
        .WithSetting("ONBOARDING_CATALOG_PATH", catalogPath)
        // Its own versions table, so its catalog file seeds its version 1.
        .WithSetting("Catalog:VersionsTable", versionsTable)
        .WithSetting("Tracking:RequestsPerMinute", "10000")
;

    public async Task DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        File.Delete(catalogPath);
    }

    public async Task<IReadOnlyList<TableEntityIndexRow>> IndexRowsAsync(string organizationId)
    {
        var table = TestStorage.Tables().GetTableClient(index);
        await table.CreateIfNotExistsAsync();
        return (await table.QueryAsync<TableEntity>().ToListAsync()).Where(r => r.RowKey == organizationId).Select(r => new TableEntityIndexRow(r.PartitionKey, r.RowKey)).ToList();
    }

    /// <summary>
    /// <paramref name="callers"/> concurrent calls for one organization, alternating between the two
    /// instances, released together; each answer with its status and JSON body.
    /// </summary>
    public async Task<IReadOnlyList<RaceAnswer>> RaceAsync(string organizationId, int callers, Func<HttpClient, int, Task<HttpResponseMessage>> call,
        string role = Onboarding.Functions.Auth.OnboardingRoles.OrgAdmin)
    {
        using var first = First.ClientFor(organizationId, role);
        using var second = Second.ClientFor(organizationId, role);
        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, callers).Select(i => Task.Run(async () =>
        {
            start.Wait();
            using var response = await call(i % 2 == 0 ? first : second, i);
            var text = await response.Content.ReadAsStringAsync();
            return new RaceAnswer((int)response.StatusCode, text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default, text);
        })).ToList();
        start.Set();
        return await Task.WhenAll(calls);
    }
}

public sealed record TableEntityIndexRow(string ExpiryDay, string OrganizationId);

public sealed record RaceAnswer(int Status, JsonElement Body, string Text)
{
    /// <summary>The ids of the events this answer says its change caused.</summary>
    public IEnumerable<string> EventIds =>
        Status is >= 200 and < 300 && Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Array
            ? events.EnumerateArray().Select(e => e.GetProperty("id").GetString()!)
            : Status is >= 200 and < 300 && Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("eventIds", out var ids)
                ? ids.EnumerateArray().Select(e => e.GetString()!)
                : [];

    public string? Code => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("code", out var code) ? code.GetString() : null;

    public override string ToString() => $"{Status} {(Text.Length > 300 ? Text[..300] + "…" : Text)}";

    public bool Is(HttpStatusCode status) => Status == (int)status;
}
