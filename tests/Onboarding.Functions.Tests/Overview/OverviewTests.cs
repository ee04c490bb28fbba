using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Tests.Infrastructure;
using Onboarding.Functions.Tests.Wizard;

namespace Onboarding.Functions.Tests.Overview;

public sealed class OverviewTests
{
    [Fact]
    public async Task TheWholePictureCostsOneStorageQuery()
    {
        var recorder = new RequestRecorder();
        await using var app = new InProcessApp()
            .WithServices(s => s.AddSingleton(TestStorage.Customize(o => o.AddPolicy(recorder, HttpPipelinePosition.PerRetry))));
        var org = TestStorage.UniqueId();
        using var client = app.ClientFor(org);
        (await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(WizardApiTests.Steps[0]))).EnsureSuccessStatusCode();
        (await client.PostAsync($"/api/orgs/{org}/onboarding/tutorials/events_intro/start", null)).EnsureSuccessStatusCode();
        recorder.Clear();

        var overview = await (await client.GetAsync($"/api/orgs/{org}/onboarding")).ReadJsonAsync();

        var request = Assert.Single(recorder.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Contains(Uri.EscapeDataString($"PartitionKey eq '{org}'"), request.Uri.Query);
        Assert.Equal("in_progress", overview.GetProperty("wizard").GetProperty("status").GetString());
        Assert.Equal(6, overview.GetProperty("checklist").GetProperty("totalCount").GetInt32());
        Assert.Equal("in_progress", overview.GetProperty("tutorials").GetProperty("tutorials")[0].GetProperty("status").GetString());
        Assert.Equal("none", overview.GetProperty("sampleData").GetProperty("status").GetString());
        Assert.Equal(5, overview.GetProperty("features").GetProperty("locked").GetArrayLength());
        Assert.Equal(0, overview.GetProperty("completionPercent").GetInt32());
    }
}
