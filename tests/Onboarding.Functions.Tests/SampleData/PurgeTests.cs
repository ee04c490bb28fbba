using System.Net;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Tests.Events;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.SampleData;

public sealed class PurgeTests
{
    [Fact]
    public async Task AfterThirtyDaysTheTimerPurgesTheDataMarksItExpiredAndEmptiesTheIndex()
    {
        await using var sample = new SampleDataApp();
        await sample.App.StartedAsync();
        var org = TestStorage.UniqueId();
        using var admin = sample.App.ClientFor(org);
        (await admin.PostAsync($"/api/orgs/{org}/onboarding/wizard/start", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/orgs/{org}/onboarding/sample-data", null)).EnsureSuccessStatusCode();
        var nonSampleBefore = (await StoredRows.OfOrganizationAsync(org)).Where(r => !r.RowKey.StartsWith("sample|")).Select(r => r.RowKey).ToList();

        sample.Clock.Advance(TimeSpan.FromDays(29));
        using var early = await sample.RunPurgeAsync();
        var stillActive = await (await admin.GetAsync($"/api/orgs/{org}/onboarding/sample-data")).ReadJsonAsync();
        sample.Clock.Advance(TimeSpan.FromDays(1.5));
        using var due = await sample.RunPurgeAsync(isPastDue: true);
        var expired = await (await admin.GetAsync($"/api/orgs/{org}/onboarding/sample-data")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Equal("active", stillActive.GetProperty("status").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, due.StatusCode);
        Assert.Contains(sample.App.Logs, line => line.Contains("Purged 1 organizations", StringComparison.Ordinal));
        Assert.Equal("expired", expired.GetProperty("status").GetProperty("status").GetString());
        var rows = await StoredRows.OfOrganizationAsync(org);
        Assert.DoesNotContain(rows, r => r.RowKey.StartsWith("sample|"));
        Assert.All(nonSampleBefore, key => Assert.Contains(rows, r => r.RowKey == key));
        Assert.Contains(rows, r => r.GetString("Type") == "sample_data_cleared" && r.GetString("Data")!.Contains("\"reason\":\"expired\""));
        Assert.Empty(await sample.IndexRowsAsync());
    }

    [Fact]
    public async Task AnOrganizationWhoseExpiryMovedIsNotPurgedEarly()
    {
        await using var sample = new SampleDataApp();
        await sample.App.StartedAsync();
        var org = TestStorage.UniqueId();
        using var admin = sample.App.ClientFor(org);
        (await admin.PostAsync($"/api/orgs/{org}/onboarding/sample-data", null)).EnsureSuccessStatusCode();
        var firstIndex = Assert.Single(await sample.IndexRowsAsync());
        sample.Clock.Advance(TimeSpan.FromDays(5));
        (await admin.DeleteAsync($"/api/orgs/{org}/onboarding/sample-data")).EnsureSuccessStatusCode();
        sample.Clock.Advance(TimeSpan.FromDays(5));
        (await admin.PostAsync($"/api/orgs/{org}/onboarding/sample-data", null)).EnsureSuccessStatusCode();
        // As if the clear had crashed before removing its index row: the old expiry day is still indexed.
        await sample.Index.UpsertEntityAsync(new TableEntity(firstIndex.PartitionKey, org));

        sample.Clock.Advance(TimeSpan.FromDays(21));
        using var purge = await sample.RunPurgeAsync();
        var read = await (await admin.GetAsync($"/api/orgs/{org}/onboarding/sample-data")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal("active", read.GetProperty("status").GetProperty("status").GetString());
        Assert.Equal(5, read.GetProperty("data").GetProperty("collections").GetProperty("events").GetArrayLength());
        var remaining = Assert.Single(await sample.IndexRowsAsync());
        Assert.NotEqual(firstIndex.PartitionKey, remaining.PartitionKey);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ASetExpiringLaterOnTheDayOfARunStaysIndexedAndIsPurgedByTheNextRun(bool runTwice)
    {
        await using var sample = new SampleDataApp();
        await sample.App.StartedAsync();
        var org = TestStorage.UniqueId();
        using var admin = sample.App.ClientFor(org);
        var now = sample.Clock.GetUtcNow();
        sample.Clock.Advance(now.Date.AddDays(1).AddHours(20) - now.UtcDateTime);
        (await admin.PostAsync($"/api/orgs/{org}/onboarding/sample-data", null)).EnsureSuccessStatusCode();

        sample.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromHours(17));
        using var sameDay = await sample.RunPurgeAsync();
        if (runTwice)
        {
            (await sample.RunPurgeAsync(isPastDue: true)).EnsureSuccessStatusCode();
        }
        var beforeExpiry = await (await admin.GetAsync($"/api/orgs/{org}/onboarding/sample-data")).ReadJsonAsync();
        var indexBeforeExpiry = await sample.IndexRowsAsync();
        sample.Clock.Advance(TimeSpan.FromDays(1));
        using var nextDay = await sample.RunPurgeAsync();
        var afterExpiry = await (await admin.GetAsync($"/api/orgs/{org}/onboarding/sample-data")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, sameDay.StatusCode);
        Assert.Equal("active", beforeExpiry.GetProperty("status").GetProperty("status").GetString());
        Assert.Equal(org, Assert.Single(indexBeforeExpiry).RowKey);
        Assert.Equal("expired", afterExpiry.GetProperty("status").GetProperty("status").GetString());
        Assert.DoesNotContain(await StoredRows.OfOrganizationAsync(org), r => r.RowKey.StartsWith("sample|"));
        Assert.Empty(await sample.IndexRowsAsync());
    }

    [Fact]
    public async Task APurgeInterruptedAfterSomeDeletionsIsFinishedByTheNextRun()
    {
        // The second write of a profile|state row fails once: the purge dies partway through its organizations.
        var fault = new StorageFault(StorageFault.TransactionsContaining("RowKey='profile%7Cstate'"), failOnMatch: 2) { Armed = false };
        await using var sample = new SampleDataApp(app => app.WithServices(s =>
            s.AddSingleton(TestStorage.Customize(o => o.AddPolicy(fault, HttpPipelinePosition.PerCall)))));
        await sample.App.StartedAsync();
        var orgs = Enumerable.Range(0, 3).Select(_ => TestStorage.UniqueId()).ToList();
        foreach (var org in orgs)
        {
            using var admin = sample.App.ClientFor(org);
            (await admin.PostAsync($"/api/orgs/{org}/onboarding/wizard/start", null)).EnsureSuccessStatusCode();
            (await admin.PostAsync($"/api/orgs/{org}/onboarding/sample-data", null)).EnsureSuccessStatusCode();
        }
        var nonSample = new Dictionary<string, List<string>>();
        foreach (var org in orgs)
        {
            nonSample[org] = (await StoredRows.OfOrganizationAsync(org)).Where(r => !r.RowKey.StartsWith("sample|")).Select(r => r.RowKey).ToList();
        }
        sample.Clock.Advance(TimeSpan.FromDays(31));

        fault.Armed = true;
        using var interrupted = await sample.RunPurgeAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, interrupted.StatusCode);
        Assert.True(fault.Fired);
        using var finished = await sample.RunPurgeAsync();

        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        Assert.Empty(await sample.IndexRowsAsync());
        foreach (var org in orgs)
        {
            var rows = await StoredRows.OfOrganizationAsync(org);
            Assert.DoesNotContain(rows, r => r.RowKey.StartsWith("sample|"));
            Assert.Equal("Expired", rows.Single(r => r.RowKey == "profile|state").GetString("SampleDataStatus"));
            Assert.All(nonSample[org], key => Assert.Contains(rows, r => r.RowKey == key));
        }
    }

    [Fact]
    public async Task With2000IndexedOrganizationsOf50DueThePurgeReadsOnlyTheDueIndexPartitions()
    {
        var recorder = new RequestRecorder();
        await using var sample = new SampleDataApp(app => app.WithServices(s =>
            s.AddSingleton(TestStorage.Customize(o => o.AddPolicy(recorder, HttpPipelinePosition.PerRetry)))));
        await sample.App.StartedAsync();
        var due = Enumerable.Range(0, 50).Select(i => TestStorage.UniqueId($"due{i}")).ToList();
        await Task.WhenAll(due.Select(async org =>
        {
            using var admin = sample.App.ClientFor(org);
            (await admin.PostAsync($"/api/orgs/{org}/onboarding/sample-data", null)).EnsureSuccessStatusCode();
        }));
        var today = sample.Clock.GetUtcNow().AddDays(31);
        await sample.Index.CreateIfNotExistsAsync();
        for (var day = 0; day < 30; day++)
        {
            var partition = today.AddDays(day + 1).UtcDateTime.ToString("yyyyMMdd");
            foreach (var batch in Enumerable.Range(0, 65).Chunk(100))
            {
                await sample.Index.SubmitTransactionAsync(batch.Select(i => new TableTransactionAction(TableTransactionActionType.Add,
                    new TableEntity(partition, $"later-{day}-{i}"))));
            }
        }
        Assert.Equal(2000, (await sample.IndexRowsAsync()).Count);
        sample.Clock.Set(today);
        // The catalog's current version is read once per cache period, not per organization: read before counting.
        await sample.App.Services.GetRequiredService<Onboarding.Functions.Catalog.CatalogVersions>().GetAsync(CancellationToken.None);
        recorder.Clear();

        using var purge = await sample.RunPurgeAsync();

        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        var indexReads = recorder.Requests.Where(r => r.Method == "GET" && r.Uri.AbsolutePath.Contains(sample.IndexTable)).ToList();
        var indexRead = Assert.Single(indexReads);
        Assert.Contains(Uri.EscapeDataString("PartitionKey le '" + today.UtcDateTime.ToString("yyyyMMdd") + "'"), indexRead.Uri.Query);
        var organizationReads = recorder.Requests.Where(r => r.Method == "GET" && r.Uri.AbsolutePath.Contains("/Onboarding()")).ToList();
        Assert.All(organizationReads, r => Assert.Contains(due, org => r.Uri.Query.Contains(Uri.EscapeDataString($"PartitionKey eq '{org}'"))));
        // Per due organization: read it; commit the expiry (read, record the pending projection, write, project, clear
        // the pending row); list and delete its sample rows; unindex it.
        Assert.InRange(recorder.Count, 1 + 50 * 8, 1 + 50 * 9);
        Assert.Equal(1950, (await sample.IndexRowsAsync()).Count);
    }

    [Fact]
    public async Task TheTimerFiresThePurgeThroughTheLocalHostAndTheWorker()
    {
        var index = TestStorage.UniqueTableName("expiry");
        await using var app = await new OnboardingApplication()
            .WithSetting("SampleData:ExpiryIndexTable", index)
            .WithSetting("PURGE_SCHEDULE", "*/1 * * * * *")
            .StartedAsync();
        var table = TestStorage.Tables().GetTableClient(index);
        await table.CreateIfNotExistsAsync();
        // An index row left for yesterday by an organization without a set: the purge's job is to remove it.
        var org = TestStorage.UniqueId();
        await table.AddEntityAsync(new TableEntity(DateTime.UtcNow.AddDays(-1).ToString("yyyyMMdd"), org));

        var remaining = await IngestionApp.EventuallyAsync(() => table.QueryAsync<TableEntity>().ToListAsync().AsTask(), rows => rows.Count == 0);

        // The host logs the run once the worker has answered, a moment after the row went.
        var succeeded = await IngestionApp.EventuallyAsync(
            () => Task.FromResult(app.Logs.Any(line => line.Contains("Executed 'Functions.PurgeExpiredSampleData' (Succeeded", StringComparison.Ordinal))),
            found => found);
        Assert.Empty(remaining);
        Assert.True(succeeded);
    }
}
