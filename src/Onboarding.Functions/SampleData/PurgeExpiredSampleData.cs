using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Onboarding.Domain.SampleData;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.SampleData;

/// <summary>
/// The nightly timer function: reads only the expiry-index partitions up to today and, per due
/// organization, deletes its sample rows, marks the set expired, then removes the index row last.
/// Every step is safe to repeat, so a run that dies halfway is finished by the next; a run stops at
/// its budget and leaves the rest indexed for the next run.
/// </summary>
public sealed partial class PurgeExpiredSampleData(
    SampleDataStore store,
    OrganizationStore organizations,
    OrganizationUpdates updates,
    IOptions<SampleDataOptions> options,
    TimeProvider clock,
    ILogger<PurgeExpiredSampleData> logger)
{
    public const string ScheduleSetting = "PURGE_SCHEDULE";

    [Function(nameof(PurgeExpiredSampleData))]
    public async Task Run([TimerTrigger("%PURGE_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        if (timer.IsPastDue)
        {
            LogPastDue();
        }
        var run = await PurgeDueAsync(started, cancellationToken);
        LogPurged(run.Purged, run.RowsDeleted, run.Skipped, clock.GetElapsedTime(started).TotalMilliseconds, run.StoppedEarly);
    }

    /// <summary>What one run did: sets expired, index rows left for a later day, sample rows deleted, and whether its budget ran out.</summary>
    private sealed record PurgeRun(int Purged, int Skipped, int RowsDeleted, bool StoppedEarly);

    private async Task<PurgeRun> PurgeDueAsync(long started, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var budget = options.Value;
        var run = new PurgeRun(0, 0, 0, false);
        await foreach (var due in store.DueAsync(SampleDataStore.ExpiryDay(now), cancellationToken))
        {
            if (run.Purged + run.Skipped >= budget.PurgeMaxOrganizationsPerRun || clock.GetElapsedTime(started) > budget.PurgeTimeBudget)
            {
                return run with { StoppedEarly = true };
            }
            var (deleted, expired) = await PurgeOrganizationAsync(due.PartitionKey, due.RowKey, now, cancellationToken);
            run = expired
                ? run with { Purged = run.Purged + 1, RowsDeleted = run.RowsDeleted + deleted }
                : run with { Skipped = run.Skipped + 1, RowsDeleted = run.RowsDeleted + deleted };
        }
        return run;
    }

    /// <summary>
    /// Purges what one index row (<paramref name="expiryDay"/>, <paramref name="organizationId"/>) stands for;
    /// returns the rows deleted and whether a set was expired now. An active set that expires later on
    /// that same day keeps its index row, so a later run purges it.
    /// </summary>
    private async Task<(int Deleted, bool Expired)> PurgeOrganizationAsync(string expiryDay, string organizationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var snapshot = await organizations.LoadAsync(organizationId, cancellationToken);
        var state = snapshot.Onboarding.State.SampleData;
        if (state is { Status: SampleDataStatus.Active, ExpiresAt: { } activeExpiry } && !SampleDataRules.IsDue(state, now)
            && SampleDataStore.ExpiryDay(activeExpiry) == expiryDay)
        {
            return (0, false);
        }
        var expired = false;
        if (SampleDataRules.IsDue(state, now))
        {
            var outcome = await updates.ApplyAsync(organizationId, (onboarding, _, at) => SampleDataRules.Expire(onboarding, at), null, cancellationToken);
            expired = outcome.Succeeded;
        }
        // Rows of sets indexed under this day or earlier: the expired set's, or ones a crash or a clear left.
        // A set generated since expires on a later day, so its rows stay.
        var deleted = await store.DeleteExpiringBeforeAsync(organizationId, SampleDataStore.DayAfter(expiryDay), cancellationToken);
        await store.UnindexAsync(expiryDay, organizationId, cancellationToken);
        return (deleted, expired);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purge run was past due; running now")]
    private partial void LogPastDue();

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Purged {Organizations} organizations ({Rows} rows deleted), skipped {Skipped} index rows, in {ElapsedMs:F0} ms; stopped at budget: {StoppedEarly}")]
    private partial void LogPurged(int organizations, int rows, int skipped, double elapsedMs, bool stoppedEarly);
}
