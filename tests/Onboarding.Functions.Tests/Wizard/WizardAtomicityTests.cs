using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Wizard;

public sealed class WizardAtomicityTests
{
    [Fact]
    public async Task AStateChangeAndItsEventsCommitTogetherOrNotAtAll()
    {
        var org = TestStorage.UniqueId();
        var failBatches = new FailingBatches();
        await using var app = new OnboardingApplication()
            .WithServices(s => s.AddSingleton(TestStorage.Options(o => o.AddPolicy(failBatches, HttpPipelinePosition.PerCall))));
        using var client = app.ClientFor(org);
        (await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(WizardApiTests.Steps[0]))).EnsureSuccessStatusCode();
        var before = await StoredRows.OfOrganizationAsync(org);

        failBatches.Enabled = true;
        using var failed = await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/2", JsonRequests.Json(WizardApiTests.Steps[1]));
        failBatches.Enabled = false;

        await failed.AssertProblemAsync(503, "storage_unavailable");
        await WizardApiTests.AssertUnchangedAsync(org, before);

        using var retried = await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/2", JsonRequests.Json(WizardApiTests.Steps[1]));
        var events = (await retried.ReadJsonAsync()).GetProperty("events");
        var stored = await StoredRows.OfOrganizationAsync(org);
        Assert.Equal(1, events.GetArrayLength());
        Assert.Contains(stored, r => r.RowKey == "event|" + events[0].GetProperty("id").GetString());
        Assert.NotNull(stored.Single(r => r.RowKey == "profile|state").GetString("WizardStep2Data"));
    }

    /// <summary>Answers every entity-group transaction with a 503, as an overloaded account would.</summary>
    private sealed class FailingBatches : HttpPipelinePolicy
    {
        public volatile bool Enabled;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (Enabled && message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal))
            {
                throw new Azure.RequestFailedException(503, "Simulated: the storage account is busy.");
            }
            return ProcessNextAsync(message, pipeline);
        }
    }
}
