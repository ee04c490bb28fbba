using System.Net;
using Onboarding.Functions.Storage;
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
        Assert.True(read.GetProperty("offered").GetBoolean());
        var data = read.GetProperty("data").GetProperty("collections");
        Assert.Equal(["teams", "volunteers", "events", "assignments"], data.EnumerateObject().Select(c => c.Name));
        Assert.Equal((5, 3, 15, 25), (data.GetProperty("events").GetArrayLength(), data.GetProperty("teams").GetArrayLength(),
            data.GetProperty("volunteers").GetArrayLength(), data.GetProperty("assignments").GetArrayLength()));
        Assert.Equal(("team-1", "Welcome Team"), (data.GetProperty("teams")[0].GetProperty("key").GetString(), data.GetProperty("teams")[0].GetProperty("name").GetString()));
        Assert.Equal(48, read.GetProperty("status").GetProperty("itemCount").GetInt32());
        Assert.Equal(25, read.GetProperty("status").GetProperty("counts").GetProperty("assignments").GetInt32());
        Assert.Equal(48, rowsWhileActive.Count(r => r.RowKey.StartsWith("sample|")));
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
    public async Task ASetStoredBeforeTheCatalogDefinedSampleDataReadsAsItWasWritten()
    {
        var org = TestStorage.UniqueId();
        using var admin = sample.App.ClientFor(org);
        (await admin.PostAsync($"/api/orgs/{org}/onboarding/sample-data", null)).EnsureSuccessStatusCode();
        // The rows as the generator of 6 December wrote them: counts with a total in SampleDataCounts, one column per field.
        var table = TestStorage.Tables().GetTableClient(OnboardingStorage.OnboardingTable);
        var state = (await StoredRows.StateAsync(org))!;
        state.Remove("SampleDataObjects");
        state["SampleDataCounts"] = """{"events":5,"teams":3,"volunteers":15,"assignments":25,"total":48}""";
        await table.UpdateEntityAsync(state, state.ETag, TableUpdateMode.Replace);
        var team = (await StoredRows.SampleAsync(org)).Single(r => r.RowKey == "sample|team|2");
        await table.UpsertEntityAsync(new TableEntity(org, team.RowKey)
        {
            ["Name"] = "Setup Crew", ["Role"] = "Setup Helper", ["ExpiresAt"] = team.GetDateTimeOffset("ExpiresAt"),
        }, TableUpdateMode.Replace);

        var read = await (await admin.GetAsync($"/api/orgs/{org}/onboarding/sample-data")).ReadJsonAsync();

        var status = read.GetProperty("status");
        Assert.Equal(48, status.GetProperty("itemCount").GetInt32());
        Assert.Equal(["events", "teams", "volunteers", "assignments"], status.GetProperty("counts").EnumerateObject().Select(c => c.Name));
        var legacyTeam = read.GetProperty("data").GetProperty("collections").GetProperty("teams")[1];
        Assert.Equal(("team-2", "Setup Crew", "Setup Helper"),
            (legacyTeam.GetProperty("key").GetString(), legacyTeam.GetProperty("name").GetString(), legacyTeam.GetProperty("role").GetString()));
        (await admin.DeleteAsync($"/api/orgs/{org}/onboarding/sample-data")).EnsureSuccessStatusCode();
        Assert.Empty(await StoredRows.SampleAsync(org));
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
        Assert.Equal("Europe/Berlin", read.GetProperty("data").GetProperty("timeZone").GetString());
        var firstEvent = read.GetProperty("data").GetProperty("collections").GetProperty("events")[0];
        var local = DateTime.Parse(firstEvent.GetProperty("start").GetProperty("local").GetString()!);
        var utc = firstEvent.GetProperty("start").GetProperty("utc").GetDateTimeOffset();
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
