using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Events;
using Onboarding.Functions.Tests.Infrastructure;
using Onboarding.Functions.Tests.Wizard;

namespace Onboarding.Functions.Tests.Analytics;

/// <summary>The two indexes every change keeps (<see cref="Onboarding.Functions.Analytics.CommitIndexes"/>).</summary>
public sealed class CommitIndexesTests
{
    private readonly OrganizationsListApp list = new();

    [Fact]
    public async Task AChangeThatMovesBothIndexesRemovesTheirOldRowsAtOnce()
    {
        var deletes = new SlowIndexDeletes(list.OrganizationsTable, list.InProgressTable);
        await using var app = await list.NewAppAsync(deletes);
        var org = TestStorage.UniqueId("both");
        await app.Services.GetRequiredService<EventIngestion>().IngestAsync([OrganizationsListApp.Created(org, list.Clock.GetUtcNow())], CancellationToken.None);

        using var client = app.ClientFor(org);
        for (var step = 1; step < WizardApiTests.Steps.Length; step++)
        {
            (await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/{step}", JsonRequests.Json(WizardApiTests.Steps[step - 1]))).EnsureSuccessStatusCode();
        }
        deletes.Reset();

        // The last step completes the wizard: its in-progress row goes, and its completion row moves (the wizard is a checklist task).
        using var response = await client.PutAsync(
            $"/api/orgs/{org}/onboarding/wizard/steps/{WizardApiTests.Steps.Length}", JsonRequests.Json(WizardApiTests.Steps[^1]));

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.Equal(2, deletes.Deletes);
        Assert.Equal(2, deletes.MostAtOnce);
    }

    /// <summary>Holds each delete of an index row for 300 ms and records how many were out at once.</summary>
    private sealed class SlowIndexDeletes(params string[] tables) : HttpPipelinePolicy
    {
        private int inFlight;

        public int Deletes;

        public int MostAtOnce;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var path = Uri.UnescapeDataString(message.Request.Uri.Path);
            if (message.Request.Method == RequestMethod.Delete && tables.Any(table => path.Contains($"/{table}(", StringComparison.Ordinal)))
            {
                Interlocked.Increment(ref Deletes);
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(now);
                await Task.Delay(300);
                Interlocked.Decrement(ref inFlight);
            }
            await ProcessNextAsync(message, pipeline);
        }

        public void Reset() => (Deletes, MostAtOnce) = (0, 0);

        private void InterlockedMax(int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref MostAtOnce)) < value && Interlocked.CompareExchange(ref MostAtOnce, value, seen) != seen)
            {
            }
        }
    }
}
