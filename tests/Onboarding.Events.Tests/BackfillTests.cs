using Onboarding.Events.Tests.Infrastructure;

namespace Onboarding.Events.Tests;

/// <summary>The backfill of organizations that existed before onboarding started at sign-up.</summary>
public sealed class BackfillTests
{
    private static readonly DateTimeOffset CountsAt = new(2026, 3, 14, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EachOrganizationGetsItsCreationAndCountsWithTheSameIdsOnEveryRun()
    {
        var queueName = await TestQueues.NewQueueAsync();
        var created = new DateTimeOffset(2025, 11, 3, 9, 12, 0, TimeSpan.FromHours(1));
        var organizations = Enumerable.Range(0, 150)
            .Select(i => new ExistingOrganization($"org-bf-{i:000}", created.AddDays(i), i % 2 == 0 ? new ActivityCounts(i, 1, null, null) : null))
            .ToList();
        var reports = new List<BackfillProgress>();

        BackfillProgress first, second;
        await using (var publisher = new OnboardingEventPublisher(TestQueues.ConnectionString, TestQueues.PublisherOptions(queueName)))
        {
            first = await OrganizationBackfill.SendAsync(publisher, organizations, CountsAt, new Collect(reports));
            second = await OrganizationBackfill.SendAsync(publisher, organizations, CountsAt);
        }
        var events = (await TestQueues.DrainAsync(queueName)).SelectMany(AppReader.ValidEvents).ToList();

        Assert.Equal(new BackfillProgress(150, 225), first);
        Assert.Equal(first, second);
        Assert.Equal([new BackfillProgress(100, 150), new BackfillProgress(150, 225)], reports);
        Assert.Equal(450, events.Count);
        Assert.Equal(225, events.Select(e => (e.OrganizationId, e.Id)).Distinct().Count());   // the second run repeats every id
        var created7 = Assert.Single(events.Where(e => e.OrganizationId == "org-bf-007").DistinctBy(e => e.Id));
        Assert.Equal(("organization_created", created.AddDays(7)), (created7.Type, created7.Timestamp));
        var snapshot = Assert.Single(events.Where(e => e is { OrganizationId: "org-bf-008", Type: "activity_snapshot" }).DistinctBy(e => e.Id));
        Assert.Equal(CountsAt, snapshot.Timestamp);
        Assert.Equal("{\"events\":8,\"teams\":1}", snapshot.Data!["counts"]!.ToJsonString());
    }

    [Fact]
    public void ACsvGivesOneOrganizationPerLineAndAMalformedLineIsNamed()
    {
        var csv = $"""
            {ExistingOrganization.CsvHeader}
            org-1,2025-11-03T09:12:00Z,12,3,27,140

            org-2,2025-12-01T10:00:00+01:00,,,,
            org-3,2026-01-05T08:00:00Z
            """;
        var organizations = ExistingOrganization.ReadCsv(new StringReader(csv)).ToList();
        var badTime = Assert.Throws<FormatException>(() => ExistingOrganization.ReadCsv(new StringReader($"{ExistingOrganization.CsvHeader}\norg-1,2025-11-03T09:12:00")).ToList());
        var badCount = Assert.Throws<FormatException>(() => ExistingOrganization.ReadCsv(new StringReader($"{ExistingOrganization.CsvHeader}\n\norg-1,2025-11-03T09:12:00Z,-1,,,")).ToList());

        Assert.Equal(
        [
            new ExistingOrganization("org-1", new DateTimeOffset(2025, 11, 3, 9, 12, 0, TimeSpan.Zero), new ActivityCounts(12, 3, 27, 140)),
            new ExistingOrganization("org-2", new DateTimeOffset(2025, 12, 1, 10, 0, 0, TimeSpan.FromHours(1))),
            new ExistingOrganization("org-3", new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero)),
        ], organizations);
        Assert.StartsWith("Line 2: createdAt", badTime.Message);
        Assert.StartsWith("Line 3: events '-1'", badCount.Message);
    }

    private sealed class Collect(List<BackfillProgress> reports) : IProgress<BackfillProgress>
    {
        public void Report(BackfillProgress value) => reports.Add(value);
    }
}
