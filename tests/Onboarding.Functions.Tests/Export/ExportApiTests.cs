using System.Net;
using System.Text.Json;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Tests.Erasure;
using Onboarding.Functions.Tests.Events;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Export;

/// <summary>The export through the local Functions host: everything written, through the API or the queue, is in it.</summary>
public sealed class ExportApiTests : IngestionAppTest
{
    [Fact]
    public async Task EveryRowWrittenThroughTheApiAndTheQueueIsInTheExport()
    {
        var org = TestStorage.UniqueId();
        var written = await OrganizationFootprint.WriteEverythingAsync(App, org);
        var stored = await StoredRows.OfOrganizationAsync(org);
        using var admin = App.ClientFor(org);

        using var response = await admin.GetAsync($"/api/orgs/{org}/onboarding/export");
        var export = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, export.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(org, export.GetProperty("organizationId").GetString());
        var overview = export.GetProperty("profile").GetProperty("overview");
        Assert.Equal(written.Secret, overview.GetProperty("wizard").GetProperty("steps")[0].GetProperty("data").GetProperty("organizationName").GetString());
        Assert.Contains(overview.GetProperty("tutorials").GetProperty("tutorials").EnumerateArray(),
            t => t.GetProperty("tutorialId").GetString() == "events_intro" && t.GetProperty("status").GetString() == "in_progress");
        Assert.Equal("active", overview.GetProperty("sampleData").GetProperty("status").GetString());

        // Every stored row is there: profile rows raw, events by id, sample rows raw.
        var profileRows = export.GetProperty("profile").GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("rowKey").GetString()!);
        var events = export.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!);
        var sample = export.GetProperty("sampleData").EnumerateArray().Select(r => r.GetProperty("rowKey").GetString()).ToHashSet();
        Assert.Equal(stored.Count, profileRows.Count + events.Count + sample.Count + export.GetProperty("otherRows").GetArrayLength());
        foreach (var row in stored)
        {
            var present = row.RowKey.StartsWith("profile|") ? profileRows.ContainsKey(row.RowKey)
                : row.RowKey.StartsWith("event|") ? events.ContainsKey(row.RowKey["event|".Length..])
                : sample.Contains(row.RowKey);
            Assert.True(present, $"{row.RowKey} is not in the export");
        }
        Assert.All(written.QueuedEventIds, id => Assert.True(events.ContainsKey(id), id));
        Assert.Contains(events.Values, e => e.GetProperty("type").GetString() == "sample_data_generated");
        Assert.True(events.Values.First(e => e.GetProperty("type").GetString() == "team_created").GetProperty("isSample").GetBoolean());
        Assert.Equal("intro", events.Values.Single(e => e.GetProperty("type").GetString() == "video_played").GetProperty("data").GetProperty("videoId").GetString());
        Assert.All(events.Values, e => Assert.True(e.TryGetProperty("recordedAt", out _)));
        var activity = profileRows["profile|activity"].GetProperty("properties");
        Assert.Equal(2, activity.GetProperty("Counter_volunteers").GetInt64());
        Assert.Equal(written.Secret, JsonDocument.Parse(profileRows["profile|state"].GetProperty("properties").GetProperty("WizardStep1Data").GetString()!)
            .RootElement.GetProperty("organizationName").GetString());
        Assert.Contains(sample, k => k!.StartsWith("sample|volunteer|"));
    }

    [Fact]
    public async Task AnOrganizationNeverSeenExportsAnEmptyValidDocument()
    {
        var org = TestStorage.UniqueId();

        using var response = await App.ClientFor(org).GetAsync($"/api/orgs/{org}/onboarding/export");
        var export = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, export.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("not_started", export.GetProperty("profile").GetProperty("overview").GetProperty("wizard").GetProperty("status").GetString());
        Assert.Equal(0, export.GetProperty("profile").GetProperty("rows").GetArrayLength());
        Assert.Equal(0, export.GetProperty("events").GetArrayLength());
        Assert.Equal(0, export.GetProperty("sampleData").GetArrayLength());
        Assert.Equal(0, export.GetProperty("otherRows").GetArrayLength());
    }

    [Fact]
    public async Task AnAnalystMayExportAnyOrganizationAMemberMayNot()
    {
        var org = TestStorage.UniqueId();
        using (var admin = App.ClientFor(org))
        {
            (await admin.PostAsync($"/api/orgs/{org}/onboarding/wizard/start", null)).EnsureSuccessStatusCode();
        }

        using var analyst = await App.CreateClient().WithToken(TestTokens.Analyst()).GetAsync($"/api/orgs/{org}/onboarding/export");
        using var member = await App.ClientFor(org, OnboardingRoles.OrgMember).GetAsync($"/api/orgs/{org}/onboarding/export");

        Assert.Equal(HttpStatusCode.OK, analyst.StatusCode);
        Assert.Equal("in_progress", (await analyst.ReadJsonAsync()).GetProperty("profile").GetProperty("overview").GetProperty("wizard").GetProperty("status").GetString());
        await member.AssertProblemAsync(403, "role_required");
    }
}
