using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Domain.Events;
using Onboarding.Functions.Events;
using Onboarding.Functions.Tests.Events;
using Onboarding.Functions.Tests.Infrastructure;
using Onboarding.Functions.Tests.Wizard;
using Xunit.Abstractions;

namespace Onboarding.Functions.Tests.Analytics;

/// <summary>
/// <c>GET /analytics/organizations</c> over the organizations index the commit path keeps; each test with index tables of its own
/// and a clock on a day no other test uses.
/// </summary>
public sealed class OrganizationsListTests(ITestOutputHelper output)
{
    private readonly ManualClock clock = new(new DateTimeOffset(AnalyticsDataSet.FarDay().ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));

    private readonly string organizationsTable = TestStorage.UniqueTableName("orgindex");

    private readonly string inProgressTable = TestStorage.UniqueTableName("inprogress");

    private async Task<InProcessApp> NewAppAsync(RequestRecorder? recorder = null)
    {
        await TestStorage.Tables().GetTableClient(organizationsTable).CreateIfNotExistsAsync();
        await TestStorage.Tables().GetTableClient(inProgressTable).CreateIfNotExistsAsync();
        var app = new InProcessApp()
            .WithSetting("Analytics:OrganizationsIndexTable", organizationsTable)
            .WithSetting("Analytics:InProgressWizardsTable", inProgressTable)
            .WithServices(s => s.AddSingleton<TimeProvider>(clock));
        if (recorder is not null)
        {
            app = app.WithServices(s => s.AddSingleton(TestStorage.Customize(o => o.AddPolicy(recorder, HttpPipelinePosition.PerRetry))));
        }
        return await app.StartedAsync();
    }

    private static async Task<HttpResponseMessage> ListAsync(InProcessApp app, string query)
    {
        using var client = app.CreateClient().WithToken(TestTokens.Analyst());
        return await client.GetAsync("/api/analytics/organizations?" + query);
    }

    private static async Task<JsonElement> PageAsync(InProcessApp app, string query)
    {
        using var response = await ListAsync(app, query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("organizationId").GetString()!)];

    private static OnboardingEvent Created(string org, DateTimeOffset at) => new("created-" + org, org, OnboardingEventTypes.OrganizationCreated, at);

    [Fact]
    public async Task EachOrganizationWithItsCompletionSortedFilteredAndErased()
    {
        await using var app = await NewAppAsync();
        var t0 = clock.GetUtcNow();
        var day = DateOnly.FromDateTime(t0.UtcDateTime);
        string Org(string name) => $"{name}-{Guid.NewGuid():N}"[..20];
        var (a, b, c, d) = (Org("a"), Org("b"), Org("c"), Org("d"));
        var ingestion = app.Services.GetRequiredService<EventIngestion>();
        await ingestion.IngestAsync([Created(a, t0), Created(b, t0.AddHours(1)), Created(c, t0.AddHours(2))], CancellationToken.None);
        for (var step = 1; step <= 5; step++)
        {
            (await app.ClientFor(a).PutAsync($"/api/orgs/{a}/onboarding/wizard/steps/{step}", JsonRequests.Json(WizardApiTests.Steps[step - 1]))).EnsureSuccessStatusCode();
        }
        (await app.ClientFor(b).PostAsync($"/api/orgs/{b}/onboarding/wizard/start", null)).EnsureSuccessStatusCode();
        (await app.ClientFor(c).PostAsync($"/api/orgs/{c}/onboarding/dismiss", null)).EnsureSuccessStatusCode();
        (await app.ClientFor(d).PostAsync($"/api/orgs/{d}/onboarding/wizard/start", null)).EnsureSuccessStatusCode();

        var bySignUp = await PageAsync(app, "");
        var byCompletion = await PageAsync(app, "sort=completionPercent");
        var inProgress = await PageAsync(app, "status=in_progress");
        var dismissed = await PageAsync(app, "status=dismissed");
        var signedUpThatDay = await PageAsync(app, $"signedUpFrom={day:yyyy-MM-dd}&signedUpTo={day:yyyy-MM-dd}");
        var signedUpLater = await PageAsync(app, $"signedUpFrom={day.AddDays(1):yyyy-MM-dd}");
        var paged = await PageAsync(app, "pageSize=3");
        var rest = await PageAsync(app, "pageSize=3&continuationToken=" + paged.GetProperty("continuationToken").GetString());
        using var badSort = await ListAsync(app, "sort=name&signedUpFrom=yesterday");
        using var otherSortsToken = await ListAsync(app, "sort=completionPercent&continuationToken=" + paged.GetProperty("continuationToken").GetString());
        (await app.ClientFor(a).DeleteAsync($"/api/orgs/{a}/onboarding")).EnsureSuccessStatusCode();
        var afterErasure = await PageAsync(app, "");
        var rowsOfA = await TestStorage.Tables().GetTableClient(organizationsTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"OrganizationId eq {a}")).ToListAsync();

        Assert.Equal([c, b, a, d], Ids(bySignUp));
        Assert.Equal("signedUpAt", bySignUp.GetProperty("sort").GetString());
        Assert.False(bySignUp.TryGetProperty("continuationToken", out _));
        Assert.Equal(a, Ids(byCompletion)[0]);
        Assert.Equal(4, Ids(byCompletion).Length);
        Assert.Equal([b, d], Ids(inProgress));
        Assert.Equal([c], Ids(dismissed));
        Assert.Equal([c, b, a], Ids(signedUpThatDay));
        Assert.Empty(Ids(signedUpLater));
        Assert.Equal([c, b, a], Ids(paged));
        Assert.Equal([d], Ids(rest));
        var itemA = bySignUp.GetProperty("items")[2];
        Assert.Equal(("completed", "completed", 16.7, t0), (itemA.GetProperty("status").GetString(), itemA.GetProperty("wizardStatus").GetString(),
            itemA.GetProperty("completionPercent").GetDouble(), itemA.GetProperty("signedUpAt").GetDateTimeOffset()));
        Assert.Equal(JsonValueKind.String, itemA.GetProperty("wizardCompletedAt").ValueKind);
        Assert.Equal(JsonValueKind.String, itemA.GetProperty("lastActivityAt").ValueKind);
        var itemC = bySignUp.GetProperty("items")[0];
        Assert.Equal(("dismissed", "not_started"), (itemC.GetProperty("status").GetString(), itemC.GetProperty("wizardStatus").GetString()));
        Assert.Equal(JsonValueKind.Null, bySignUp.GetProperty("items")[3].GetProperty("signedUpAt").ValueKind);
        var problem = await badSort.AssertProblemAsync(400, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("sort", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("signedUpFrom", out _));
        await otherSortsToken.AssertProblemAsync(400, "validation_failed");
        Assert.Equal([c, b, d], Ids(afterErasure));
        Assert.Empty(rowsOfA);
    }

    [Fact]
    public async Task TwoThousandOrganizationsArePagedThroughEachOnceAtABoundedNumberOfStorageRequestsPerPage()
    {
        const int organizations = 2000;
        const int pageSize = 100;
        var recorder = new RequestRecorder();
        await using var app = await NewAppAsync(recorder);
        var t0 = clock.GetUtcNow();
        var prefix = TestStorage.UniqueId("many");
        var ingestion = app.Services.GetRequiredService<EventIngestion>();
        await Parallel.ForEachAsync(Enumerable.Range(0, organizations).Chunk(50), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, token) =>
            await ingestion.IngestAsync([.. chunk.Select(i => Created($"{prefix}-{i:0000}", t0.AddMinutes(-i)))], token));

        var seen = new List<string>();
        var requestsPerPage = new List<int>();
        string? continuation = null;
        do
        {
            recorder.Clear();
            var page = await PageAsync(app, $"pageSize={pageSize}" + (continuation is null ? "" : "&continuationToken=" + continuation));
            requestsPerPage.Add(recorder.Count);
            seen.AddRange(Ids(page));
            continuation = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (continuation is not null);
        TestFigures.Report(output, nameof(TwoThousandOrganizationsArePagedThroughEachOnceAtABoundedNumberOfStorageRequestsPerPage),
            $"{organizations} organizations in {requestsPerPage.Count} pages of {pageSize}: storage requests per page {requestsPerPage.Min()}–{requestsPerPage.Max()} (bound 1 + page size = {1 + pageSize})");

        Assert.Equal(Enumerable.Range(0, organizations).Select(i => $"{prefix}-{i:0000}"), seen);   // newest sign-up first, each once
        Assert.All(requestsPerPage, count => Assert.InRange(count, 1, 1 + pageSize));
        Assert.Equal(organizations / pageSize, requestsPerPage.Count(count => count == 1 + pageSize));
    }

    [Fact]
    public async Task ActivityThatMovesNothingOfTheListWritesNothingToItsIndexAndProgressMovesItsRows()
    {
        var recorder = new RequestRecorder();
        await using var app = await NewAppAsync(recorder);
        var org = TestStorage.UniqueId("cost");
        var ingestion = app.Services.GetRequiredService<EventIngestion>();
        OnboardingEvent Activity(string type) => new(Guid.NewGuid().ToString("N"), org, type, clock.GetUtcNow());
        await ingestion.IngestAsync([Created(org, clock.GetUtcNow())], CancellationToken.None);
        bool ToIndex(RecordedRequest r) => r.Uri.AbsolutePath.Contains(organizationsTable, StringComparison.Ordinal);

        recorder.Clear();
        await ingestion.IngestAsync([Activity(OnboardingEventTypes.VolunteerAdded)], CancellationToken.None);
        var plainActivity = recorder.Requests.Count(ToIndex);
        recorder.Clear();
        await ingestion.IngestAsync([Activity(OnboardingEventTypes.EventCreated)], CancellationToken.None);   // completes create_first_event
        var progress = recorder.Requests.Where(ToIndex).Select(r => r.Method).Order(StringComparer.Ordinal).ToList();
        var rows = await TestStorage.Tables().GetTableClient(organizationsTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"OrganizationId eq {org}")).ToListAsync();

        Assert.Equal(0, plainActivity);
        Assert.Equal(["DELETE", "PUT", "PUT"], progress);   // both sorts rewritten, the completion row moved
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal(16.7, row.GetDouble("CompletionPercent")));
        Assert.Contains(rows, row => row.PartitionKey == "completion" && row.RowKey == $"0833|{org}");
    }
}
