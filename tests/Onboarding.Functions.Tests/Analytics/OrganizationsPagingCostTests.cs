using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Events;
using Onboarding.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Onboarding.Functions.Tests.Analytics;

/// <summary>Tests that load the shared Azurite enough to slow others down: they run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StorageHeavy
{
    public const string Name = "storage-heavy";
}

/// <summary>What a page of <c>GET /analytics/organizations</c> costs with many organizations (seeded through queue ingestion, the commit path).</summary>
[Collection(StorageHeavy.Name)]
public sealed class OrganizationsPagingCostTests(ITestOutputHelper output)
{
    private readonly OrganizationsListApp list = new();

    [Fact]
    public async Task TwoThousandOrganizationsArePagedThroughEachOnceAtABoundedNumberOfStorageRequestsPerPage()
    {
        const int organizations = 2000;
        const int pageSize = 100;
        var recorder = new RequestRecorder();
        await using var app = await list.NewAppAsync(recorder);
        var t0 = list.Clock.GetUtcNow();
        var prefix = TestStorage.UniqueId("many");
        var ingestion = app.Services.GetRequiredService<EventIngestion>();
        await Parallel.ForEachAsync(Enumerable.Range(0, organizations).Chunk(50), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, token) =>
            await ingestion.IngestAsync([.. chunk.Select(i => OrganizationsListApp.Created($"{prefix}-{i:0000}", t0.AddMinutes(-i)))], token));

        var seen = new List<string>();
        var requestsPerPage = new List<int>();
        string? continuation = null;
        do
        {
            recorder.Clear();
            var page = await OrganizationsListApp.PageAsync(app, $"pageSize={pageSize}" + (continuation is null ? "" : "&continuationToken=" + continuation));
            requestsPerPage.Add(recorder.Count);
            seen.AddRange(OrganizationsListApp.Ids(page));
            continuation = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (continuation is not null);
        TestFigures.Report(output, nameof(TwoThousandOrganizationsArePagedThroughEachOnceAtABoundedNumberOfStorageRequestsPerPage),
            $"{organizations} organizations in {requestsPerPage.Count} pages of {pageSize}: storage requests per page {requestsPerPage.Min()}–{requestsPerPage.Max()} (bound 1 + page size = {1 + pageSize})");

        Assert.Equal(Enumerable.Range(0, organizations).Select(i => $"{prefix}-{i:0000}"), seen);   // newest sign-up first, each once
        Assert.All(requestsPerPage, count => Assert.InRange(count, 1, 1 + pageSize));
        Assert.Equal(organizations / pageSize, requestsPerPage.Count(count => count == 1 + pageSize));
    }
}
