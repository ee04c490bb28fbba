using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Health;

public sealed class HealthTests
{
    [Fact]
    public async Task HealthIs200WithBothEndpointsReachableAndTheEventBacklog()
    {
        await using var app = await new OnboardingApplication().StartedAsync();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/health");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("table").GetProperty("reachable").GetBoolean());
        Assert.True(body.GetProperty("queue").GetProperty("reachable").GetBoolean());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("queuedEvents").ValueKind);
    }

    [Fact]
    public async Task HealthIs503WhenStorageIsDown()
    {
        await using var app = new OnboardingApplication()
            .WithSetting("AzureWebJobsStorage", TestStorage.Unreachable);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/health");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, await response.Content.ReadAsStringAsync());
        Assert.False(body.GetProperty("table").GetProperty("reachable").GetBoolean());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("table").GetProperty("problem").GetString()));
    }

    [Fact]
    public async Task AnApiCallWhileStorageCannotBeReachedIs503WithRetryAfterNever500()
    {
        var org = TestStorage.UniqueId();
        await using var app = new InProcessApp()
            .WithSetting("AzureWebJobsStorage", TestStorage.Unreachable)
            .WithServices(s => s.AddSingleton(TestStorage.Customize(o => o.Retry.MaxRetries = 1)));
        using var client = app.ClientFor(org);

        using var response = await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(Wizard.WizardApiTests.Steps[0]));

        await response.AssertProblemAsync(503, "storage_unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task RepeatedHealthChecksReuseOneStorageProbe()
    {
        var recorder = new RequestRecorder();
        await using var app = await new InProcessApp()
            .WithServices(s => s.AddSingleton(TestStorage.Customize(o => o.AddPolicy(recorder, Azure.Core.HttpPipelinePosition.PerRetry))))
            .StartedAsync();
        using var client = app.CreateClient();
        recorder.Clear();

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);
        }

        Assert.Equal(2, recorder.Count);
    }
}
