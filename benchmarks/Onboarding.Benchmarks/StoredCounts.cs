using Onboarding.Domain.Activity;
using Onboarding.Domain.Catalog;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;

namespace Onboarding.Benchmarks;

/// <summary>What the app stored for a workload, read back once at the end of a phase.</summary>
public sealed record StoredCounts(
    long Counters, long EventTypeCounts, long SignUps, long ProgressEvents, int DailyRowsSampled, int DailyRowsFound, IReadOnlyList<string> Mismatches)
{
    private const int Readers = 16;
    private const int DailySample = 500;

    /// <summary>
    /// Reads every organization's <c>profile|activity</c> row: its counters and the per-type counts of
    /// the workload's event types must match the events sent (they commit atomically with the event
    /// rows, so they also count the rows), and each organization's sign-up must be counted once. Then point-reads a sample of the daily projection.
    /// </summary>
    public static async Task<StoredCounts> ReadAsync(TableServiceClient tables, EventWorkload workload)
    {
        var onboarding = tables.GetTableClient(OnboardingStorage.OnboardingTable);
        var expected = workload.ExpectedCountsPerOrganization();
        var activities = new Dictionary<string, ActivityCounters>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(workload.Organizations, new ParallelOptions { MaxDegreeOfParallelism = Readers }, async (organization, cancellationToken) =>
        {
            var row = await onboarding.GetEntityIfExistsAsync<TableEntity>(organization, ProfileRows.Activity, cancellationToken: cancellationToken);
            var activity = ActivityEntityMapper.FromEntity(row.HasValue ? row.Value : null);
            lock (activities)
            {
                activities[organization] = activity;
            }
        });

        var mismatches = new List<string>();
        long counters = 0, typeCounts = 0, signUps = 0, progress = 0;
        foreach (var organization in workload.Organizations)
        {
            var activity = activities[organization];
            var orgCounters = DefaultCatalog.Catalog.Activity.CounterNames.Sum(activity.Counter);
            var orgTypeCounts = EventWorkload.EventTypes.Sum(activity.EventTypeCount);
            counters += orgCounters;
            typeCounts += orgTypeCounts;
            var orgSignUps = activity.EventTypeCount(Onboarding.Domain.Events.OnboardingEventTypes.OrganizationCreated);
            signUps += orgSignUps;
            progress += activity.EventTypeCounts.Where(c => !EventWorkload.SentTypes.Contains(c.Key)).Sum(c => c.Value);
            var want = expected.GetValueOrDefault(organization);
            if (orgCounters != want || orgTypeCounts != want || orgSignUps != 1)
            {
                mismatches.Add($"{organization}: counters {orgCounters}, event type counts {orgTypeCounts}, expected {want}; sign-ups {orgSignUps}, expected 1");
            }
        }

        var daily = tables.GetTableClient(OnboardingStorage.DailyTable);
        var sample = workload.Events.Where((_, index) => index % Math.Max(1, workload.Events.Count / DailySample) == 0).ToList();
        var found = 0;
        await Parallel.ForEachAsync(sample, new ParallelOptions { MaxDegreeOfParallelism = Readers }, async (e, cancellationToken) =>
        {
            var row = await daily.GetEntityIfExistsAsync<TableEntity>(EventEntityMapper.DailyPartition(e.Timestamp, BenchmarkPseudonyms.Instance.Organization(e.OrganizationId)),
                EventEntityMapper.DailyRowKey(e, BenchmarkPseudonyms.Instance), cancellationToken: cancellationToken);
            if (row.HasValue)
            {
                Interlocked.Increment(ref found);
            }
        });
        if (found != sample.Count)
        {
            mismatches.Add($"daily projection: {found} of {sample.Count} sampled rows found");
        }
        return new StoredCounts(counters, typeCounts, signUps, progress, sample.Count, found, mismatches);
    }
}
