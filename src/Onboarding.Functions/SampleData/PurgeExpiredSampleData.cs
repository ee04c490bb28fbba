using System.Diagnostics;
using Microsoft.Extensions.Options;
using Onboarding.Domain.SampleData;
using Onboarding.Functions.Hosting;
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
    ILogger<PurgeExpiredSampleData> logger) : ITimerFunction
{
    public const string ScheduleSetting = "PURGE_SCHEDULE";

    public async Task RunAsync(TimerTriggerInfo timer, FunctionInvocationContext context, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var now = clock.GetUtcNow();
        if (timer.IsPastDue)
        {
            LogPastDue();
        }
        var budget = options.Value;
        int purged = 0, skipped = 0, rowsDeleted = 0, visited = 0;
        var stoppedEarly = false;
        await foreach (var due in store.DueAsync(SampleDataStore.ExpiryDay(now), cancellationToken))
        {
            if (visited >= budget.PurgeMaxOrganizationsPerRun || clock.GetElapsedTime(started) > budget.PurgeTimeBudget)
            {
                stoppedEarly = true;
                break;
            }
            visited++;
            var (deleted, expired) = await PurgeOrganizationAsync(due.PartitionKey, due.RowKey, now, cancellationToken);
            rowsDeleted += deleted;
            if (expired)
            {
                purged++;
            }
            else
            {
                skipped++;
            }
        }
        var elapsed = clock.GetElapsedTime(started);
        LogPurged(purged, rowsDeleted, skipped, elapsed.TotalMilliseconds, stoppedEarly);
        context.Log($"Purged {purged} organizations ({rowsDeleted} rows), skipped {skipped}, in {elapsed.TotalMilliseconds:F0} ms{(stoppedEarly ? "; budget reached, the next run continues" : "")}");
    }

    /// <summary>Purges one indexed organization; returns the rows deleted and whether its set was expired now.</summary>
    private async Task<(int Deleted, bool Expired)> PurgeOrganizationAsync(string expiryDay, string organizationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var snapshot = await organizations.LoadAsync(organizationId, cancellationToken);
        var state = snapshot.Onboarding.State.SampleData;
        var deleted = 0;
        var expired = false;
        if (SampleDataRules.IsDue(state, now))
        {
            deleted = await store.DeleteAllAsync(organizationId, cancellationToken);
            var outcome = await updates.ApplyAsync(organizationId, (onboarding, at) => SampleDataRules.Expire(onboarding, at), null, cancellationToken);
            expired = outcome.Succeeded;
        }
        else if (state.Status != SampleDataStatus.Active)
        {
            // An index row left by a crash or a clear: remove any rows generated without their state.
            deleted = await store.DeleteAllAsync(organizationId, cancellationToken);
        }
        // Active but expiring later (regenerated since): the data stays; only the stale index row goes.
        await store.UnindexAsync(expiryDay, organizationId, cancellationToken);
        return (deleted, expired);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purge run was past due; running now")]
    private partial void LogPastDue();

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Purged {Organizations} organizations ({Rows} rows deleted), skipped {Skipped} index rows, in {ElapsedMs:F0} ms; stopped at budget: {StoppedEarly}")]
    private partial void LogPurged(int organizations, int rows, int skipped, double elapsedMs, bool stoppedEarly);
}
