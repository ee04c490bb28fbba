using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Domain.Events;
using Onboarding.Functions.Events;
using Onboarding.Functions.Tests.Infrastructure;
using Onboarding.Functions.Tests.Wizard;

namespace Onboarding.Functions.Tests.Analytics;

/// <summary>
/// <c>GET /analytics/organizations</c> over the organizations index the commit path keeps; each test with index tables of its own
/// and a clock on a day no other test uses.
/// </summary>
public sealed class OrganizationsListTests
{
    private readonly OrganizationsListApp list = new();

    [Fact]
    public async Task EachOrganizationWithItsCompletionSortedFilteredAndErased()
    {
        await using var app = await list.NewAppAsync();
        var t0 = list.Clock.GetUtcNow();
        var day = DateOnly.FromDateTime(t0.UtcDateTime);
        string Org(string name) => $"{name}-{Guid.NewGuid():N}"[..20];
        var (a, b, c, d) = (Org("a"), Org("b"), Org("c"), Org("d"));
        var ingestion = app.Services.GetRequiredService<EventIngestion>();
        await ingestion.IngestAsync([OrganizationsListApp.Created(a, t0), OrganizationsListApp.Created(b, t0.AddHours(1)), OrganizationsListApp.Created(c, t0.AddHours(2))], CancellationToken.None);
        for (var step = 1; step <= 5; step++)
        {
            (await app.ClientFor(a).PutAsync($"/api/orgs/{a}/onboarding/wizard/steps/{step}", JsonRequests.Json(WizardApiTests.Steps[step - 1]))).EnsureSuccessStatusCode();
        }
        (await app.ClientFor(b).PostAsync($"/api/orgs/{b}/onboarding/wizard/start", null)).EnsureSuccessStatusCode();
        (await app.ClientFor(c).PostAsync($"/api/orgs/{c}/onboarding/dismiss", null)).EnsureSuccessStatusCode();
        (await app.ClientFor(d).PostAsync($"/api/orgs/{d}/onboarding/wizard/start", null)).EnsureSuccessStatusCode();

        var bySignUp = await OrganizationsListApp.PageAsync(app, "");
        var byCompletion = await OrganizationsListApp.PageAsync(app, "sort=completionPercent");
        var inProgress = await OrganizationsListApp.PageAsync(app, "status=in_progress");
        var dismissed = await OrganizationsListApp.PageAsync(app, "status=dismissed");
        var signedUpThatDay = await OrganizationsListApp.PageAsync(app, $"signedUpFrom={day:yyyy-MM-dd}&signedUpTo={day:yyyy-MM-dd}");
        var signedUpLater = await OrganizationsListApp.PageAsync(app, $"signedUpFrom={day.AddDays(1):yyyy-MM-dd}");
        var paged = await OrganizationsListApp.PageAsync(app, "pageSize=3");
        var rest = await OrganizationsListApp.PageAsync(app, "pageSize=3&continuationToken=" + paged.GetProperty("continuationToken").GetString());
        using var badSort = await OrganizationsListApp.ListAsync(app, "sort=name&signedUpFrom=yesterday");
        using var otherSortsToken = await OrganizationsListApp.ListAsync(app, "sort=completionPercent&continuationToken=" + paged.GetProperty("continuationToken").GetString());
        (await app.ClientFor(a).DeleteAsync($"/api/orgs/{a}/onboarding")).EnsureSuccessStatusCode();
        var afterErasure = await OrganizationsListApp.PageAsync(app, "");
        var rowsOfA = await TestStorage.Tables().GetTableClient(list.OrganizationsTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"OrganizationId eq {a}")).ToListAsync();

        Assert.Equal([c, b, a, d], OrganizationsListApp.Ids(bySignUp));
        Assert.Equal("signedUpAt", bySignUp.GetProperty("sort").GetString());
        Assert.False(bySignUp.TryGetProperty("continuationToken", out _));
        Assert.Equal(a, OrganizationsListApp.Ids(byCompletion)[0]);
        Assert.Equal(4, OrganizationsListApp.Ids(byCompletion).Length);
        Assert.Equal([b, d], OrganizationsListApp.Ids(inProgress));
        Assert.Equal([c], OrganizationsListApp.Ids(dismissed));
        Assert.Equal([c, b, a], OrganizationsListApp.Ids(signedUpThatDay));
        Assert.Empty(OrganizationsListApp.Ids(signedUpLater));
        Assert.Equal([c, b, a], OrganizationsListApp.Ids(paged));
        Assert.Equal([d], OrganizationsListApp.Ids(rest));
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
        Assert.Equal([c, b, d], OrganizationsListApp.Ids(afterErasure));
        Assert.Empty(rowsOfA);
    }

    [Fact]
    public async Task ActivityThatMovesNothingOfTheListWritesNothingToItsIndexAndProgressMovesItsRows()
    {
        var recorder = new RequestRecorder();
        await using var app = await list.NewAppAsync(recorder);
        var org = TestStorage.UniqueId("cost");
        var ingestion = app.Services.GetRequiredService<EventIngestion>();
        OnboardingEvent Activity(string type) => new(Guid.NewGuid().ToString("N"), org, type, list.Clock.GetUtcNow());
        await ingestion.IngestAsync([OrganizationsListApp.Created(org, list.Clock.GetUtcNow())], CancellationToken.None);
        bool ToIndex(RecordedRequest r) => r.Uri.AbsolutePath.Contains(list.OrganizationsTable, StringComparison.Ordinal);

        recorder.Clear();
        await ingestion.IngestAsync([Activity("volunteer_added")], CancellationToken.None);
        var plainActivity = recorder.Requests.Count(ToIndex);
        recorder.Clear();
        await ingestion.IngestAsync([Activity("event_created")], CancellationToken.None);   // completes create_first_event
        var progress = recorder.Requests.Where(ToIndex).Select(r => r.Method).Order(StringComparer.Ordinal).ToList();
        var rows = await TestStorage.Tables().GetTableClient(list.OrganizationsTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"OrganizationId eq {org}")).ToListAsync();

        Assert.Equal(0, plainActivity);
        Assert.Equal(["DELETE", "PUT"], progress);   // the completion row moved; the sign-up row's key and content did not
        Assert.Equal(2, rows.Count);
        Assert.Equal(16.7, rows.Single(row => row.PartitionKey == "completion").GetDouble("CompletionPercent"));
        Assert.Contains(rows, row => row.PartitionKey == "completion" && row.RowKey == $"0833|{org}");
    }

    [Fact]
    public async Task OrganizationsChangedAtTheSameTimeWriteAndMoveTheirIndexesRowsInFewerRequestsThanRows()
    {
        const int organizations = 8;
        var slow = new SlowTableWrites(list.OrganizationsTable);
        var slowInProgress = new SlowTableWrites(list.InProgressTable);
        await using var app = await list.NewAppAsync(slow, slowInProgress);
        var orgs = Enumerable.Range(0, organizations).Select(_ => TestStorage.UniqueId("grouped")).ToList();
        var ingestion = app.Services.GetRequiredService<EventIngestion>();
        OnboardingEvent EventCreated(string org) => new(Guid.NewGuid().ToString("N"), org, "event_created", list.Clock.GetUtcNow());

        // Each organization's first change writes its two rows; its progress writes one and removes one: 32 row writes.
        await ingestion.IngestAsync([.. orgs.Select(org => OrganizationsListApp.Created(org, list.Clock.GetUtcNow()))], CancellationToken.None);
        await ingestion.IngestAsync([.. orgs.Select(EventCreated)], CancellationToken.None);
        var rows = await TestStorage.Tables().GetTableClient(list.OrganizationsTable).QueryAsync<TableEntity>().ToListAsync();
        var signedUp = await TestStorage.Tables().GetTableClient(list.InProgressTable).QueryAsync<TableEntity>().ToListAsync();

        Assert.InRange(slow.Requests, 2, 3 * organizations / 2);
        // The in-progress index likewise: each sign-up's row (the events move no wizard), 8 rows in fewer requests.
        Assert.InRange(slowInProgress.Requests, 1, organizations / 2);
        Assert.Equal(orgs.Order(StringComparer.Ordinal), signedUp.Where(row => row.PartitionKey == "signed_up").Select(row => row.GetString("OrganizationId")).Order(StringComparer.Ordinal));
        Assert.All(orgs, org =>
        {
            var own = rows.Where(row => row.GetString("OrganizationId") == org).ToList();
            Assert.Equal(["completion", "signup"], own.Select(row => row.PartitionKey).Order(StringComparer.Ordinal));
            Assert.Contains(own, row => row.RowKey == $"0833|{org}");   // moved from 1000|: the old row is gone
        });
    }
}
