using System.Net;
using Onboarding.Functions.Tests.Infrastructure;
using Onboarding.Functions.Tests.Wizard;

namespace Onboarding.Functions.Tests.SampleData;

public sealed class SampleDataApiTests : IAsyncLifetime
{
    private readonly SampleDataApp sample = new();

    public Task InitializeAsync() => sample.App.StartedAsync();

    public async Task DisposeAsync() => await sample.DisposeAsync();

    [Fact]
    public async Task GenerateThenReadThenClear()
    {
        var org = TestStorage.UniqueId();
        using var admin = sample.App.ClientFor(org);
        (await admin.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(WizardApiTests.Steps[0]))).EnsureSuccessStatusCode();

        using var generated = await admin.PostAsync($"/api/orgs/{org}/onboarding/sample-data", null);
        var created = await generated.ReadJsonAsync();
        var read = await (await admin.GetAsync($"/api/orgs/{org}/onboarding/sample-data")).ReadJsonAsync();
        var rowsWhileActive = await StoredRows.OfOrganizationAsync(org);
        var indexWhileActive = await sample.IndexRowsAsync();

        Assert.Equal(HttpStatusCode.Created, generated.StatusCode);
        Assert.Equal("sample_data_generated", created.GetProperty("events")[0].GetProperty("type").GetString());
        Assert.Equal("active", read.GetProperty("status").GetProperty("status").GetString());
        var data = read.GetProperty("data");
        Assert.Equal((5, 3, 15), (data.GetProperty("events").GetArrayLength(), data.GetProperty("teams").GetArrayLength(), data.GetProperty("volunteers").GetArrayLength()));
        Assert.True(data.GetProperty("assignments").GetArrayLength() > 0);
        var sampleRows = rowsWhileActive.Count(r => r.RowKey.StartsWith("sample|"));
        Assert.Equal(23 + data.GetProperty("assignments").GetArrayLength(), sampleRows);
        Assert.Equal(org, Assert.Single(indexWhileActive).RowKey);
        Assert.Equal(sample.Clock.GetUtcNow().AddDays(30).UtcDateTime.ToString("yyyyMMdd"), indexWhileActive[0].PartitionKey);

        sample.Clock.Advance(TimeSpan.FromDays(3));
        using var cleared = await admin.DeleteAsync($"/api/orgs/{org}/onboarding/sample-data");
        var clearedBody = await cleared.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal("cleared", clearedBody.GetProperty("status").GetProperty("status").GetString());
        var clearedEvent = clearedBody.GetProperty("events")[0];
        Assert.Equal("sample_data_cleared", clearedEvent.GetProperty("type").GetString());
        Assert.Equal(3.0, clearedEvent.GetProperty("data").GetProperty("ageDays").GetDouble());
        var rowsAfter = await StoredRows.OfOrganizationAsync(org);
        Assert.DoesNotContain(rowsAfter, r => r.RowKey.StartsWith("sample|"));
        Assert.Contains(rowsAfter, r => r.RowKey == "profile|state");
        Assert.Empty(await sample.IndexRowsAsync());
    }

    [Fact]
    public async Task GeneratingWhileActiveIsAConflictAndAllowedAgainAfterClearing()
    {
        var org = TestStorage.UniqueId();
        using var admin = sample.App.ClientFor(org);
        (await admin.PostAsync($"/api/orgs/{org}/onboarding/sample-data", null)).EnsureSuccessStatusCode();

        using var again = await admin.PostAsync($"/api/orgs/{org}/onboarding/sample-data", null);
        await again.AssertProblemAsync(409, "sample_data_active");
        (await admin.DeleteAsync($"/api/orgs/{org}/onboarding/sample-data")).EnsureSuccessStatusCode();
        using var regenerated = await admin.PostAsync($"/api/orgs/{org}/onboarding/sample-data", null);
        using var nothingToClear = await sample.App.ClientFor(TestStorage.UniqueId()).DeleteAsync($"/api/orgs/{org}/onboarding/sample-data");

        Assert.Equal(HttpStatusCode.Created, regenerated.StatusCode);
        Assert.Single(await sample.IndexRowsAsync());
    }

    [Fact]
    public async Task ClearingWithoutActiveDataIsAConflict()
    {
        var org = TestStorage.UniqueId();
        using var admin = sample.App.ClientFor(org);

        using var response = await admin.DeleteAsync($"/api/orgs/{org}/onboarding/sample-data");

        await response.AssertProblemAsync(409, "no_active_sample_data");
    }

    [Fact]
    public async Task MembersMayNeitherGenerateNorReadIt()
    {
        var org = TestStorage.UniqueId();
        using var member = sample.App.ClientFor(org, "org_member");

        using var generate = await member.PostAsync($"/api/orgs/{org}/onboarding/sample-data", null);
        using var read = await member.GetAsync($"/api/orgs/{org}/onboarding/sample-data");

        await generate.AssertProblemAsync(403, "role_required");
        await read.AssertProblemAsync(403, "role_required");
    }

    [Fact]
    public async Task TheFinishingStepsChoiceGeneratesSampleData()
    {
        var org = TestStorage.UniqueId();
        using var admin = sample.App.ClientFor(org);
        for (var step = 1; step <= 4; step++)
        {
            (await admin.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/{step}", JsonRequests.Json(WizardApiTests.Steps[step - 1]))).EnsureSuccessStatusCode();
        }

        var finished = await (await admin.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/5",
            JsonRequests.Json("""{"generateSampleData":true,"notificationPreference":"email"}"""))).ReadJsonAsync();
        var read = await (await admin.GetAsync($"/api/orgs/{org}/onboarding/sample-data")).ReadJsonAsync();

        Assert.Contains("sample_data_generated", finished.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("completed", finished.GetProperty("wizard").GetProperty("status").GetString());
        Assert.Equal("active", read.GetProperty("status").GetProperty("status").GetString());
        // The events fall in the organization's time zone (step 1 said Europe/Berlin).
        var firstEvent = read.GetProperty("data").GetProperty("events")[0];
        var local = DateTime.Parse(firstEvent.GetProperty("localStart").GetString()!);
        var utc = firstEvent.GetProperty("startsAtUtc").GetDateTimeOffset();
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin").GetUtcOffset(utc), local - utc.UtcDateTime);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task AStaleIfMatchIsRefusedWith412AndChangesNothing(string method)
    {
        var org = TestStorage.UniqueId();
        using var admin = sample.App.ClientFor(org);
        using var first = await admin.PostAsync($"/api/orgs/{org}/onboarding/wizard/start", null);
        var staleETag = first.Headers.ETag!.ToString();
        if (method == "DELETE")
        {
            (await admin.PostAsync($"/api/orgs/{org}/onboarding/sample-data", null)).EnsureSuccessStatusCode();
        }
        else
        {
            (await admin.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(WizardApiTests.Steps[0]))).EnsureSuccessStatusCode();
        }
        var before = await StoredRows.OfOrganizationAsync(org);
        var indexBefore = await sample.IndexRowsAsync();

        using var stale = new HttpRequestMessage(new HttpMethod(method), $"/api/orgs/{org}/onboarding/sample-data");
        stale.Headers.TryAddWithoutValidation("If-Match", staleETag);
        using var refused = await admin.SendAsync(stale);
        var afterRefusal = await StoredRows.OfOrganizationAsync(org);
        var indexAfterRefusal = await sample.IndexRowsAsync();
        using var read = await admin.GetAsync($"/api/orgs/{org}/onboarding/sample-data");
        using var current = new HttpRequestMessage(new HttpMethod(method), $"/api/orgs/{org}/onboarding/sample-data");
        current.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
        using var accepted = await admin.SendAsync(current);

        await refused.AssertProblemAsync(412, "precondition_failed");
        Assert.Equal(before.Select(r => (r.RowKey, r.ETag)), afterRefusal.Select(r => (r.RowKey, r.ETag)));
        Assert.Equal(indexBefore.Select(r => (r.PartitionKey, r.RowKey)), indexAfterRefusal.Select(r => (r.PartitionKey, r.RowKey)));
        Assert.True(accepted.IsSuccessStatusCode, $"{method} with the current ETag: {(int)accepted.StatusCode}");
    }

    [Fact]
    public async Task ConcurrentClearsHaveOneWinnerAndCleanConflictsAcrossTwoInstances()
    {
        await using var second = new SampleDataApp(app => app.WithSetting("SampleData:ExpiryIndexTable", sample.IndexTable));
        await second.App.StartedAsync();
        for (var round = 0; round < 3; round++)
        {
            var org = TestStorage.UniqueId();
            (await sample.App.ClientFor(org).PostAsync($"/api/orgs/{org}/onboarding/sample-data", null)).EnsureSuccessStatusCode();

            var clears = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
                (i % 2 == 0 ? sample.App : second.App).ClientFor(org).DeleteAsync($"/api/orgs/{org}/onboarding/sample-data")));

            Assert.Equal(1, clears.Count(r => r.StatusCode == HttpStatusCode.OK));
            foreach (var conflict in clears.Where(r => r.StatusCode != HttpStatusCode.OK))
            {
                await conflict.AssertProblemAsync(409, "no_active_sample_data");
            }
            var rows = await StoredRows.OfOrganizationAsync(org);
            Assert.DoesNotContain(rows, r => r.RowKey.StartsWith("sample|"));
            Assert.Equal(1, rows.Count(r => r.GetString("Type") == "sample_data_cleared"));
            Assert.DoesNotContain(await sample.IndexRowsAsync(), r => r.RowKey == org);
        }
    }

}
