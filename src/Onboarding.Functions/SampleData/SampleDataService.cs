using System.Text.Json;
using Microsoft.Extensions.Options;
using Onboarding.Domain;
using Onboarding.Domain.SampleData;
using Onboarding.Domain.State;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.SampleData;

/// <summary>
/// Generates and clears an organization's demo data. Order matters for crashes: the expiry index row
/// is written before the data and the data before the state, so a crash can leave an orphan index row
/// or orphan rows (both cleaned by the purge) but never sample data the purge does not know about.
/// </summary>
public sealed partial class SampleDataService(
    OrganizationStore organizations,
    OrganizationUpdates updates,
    SampleDataStore store,
    ITimeZoneDirectory timeZones,
    IOptions<SampleDataOptions> options,
    TimeProvider clock,
    ILogger<SampleDataService> logger)
{
    public async Task<UpdateOutcome> GenerateAsync(string organizationId, CancellationToken cancellationToken)
    {
        var before = await organizations.LoadAsync(organizationId, cancellationToken);
        var now = clock.GetUtcNow();
        var check = SampleDataRules.Generate(before.Onboarding, new SampleDataCounts(0, 0, 0, 0), now, options.Value.ExpiryPeriod);
        if (!check.Succeeded)
        {
            return new UpdateOutcome(before, [], check.Error);
        }

        var set = SampleDataGenerator.Generate(organizationId, TimeZoneOf(before.Onboarding), now);
        await store.IndexAsync(organizationId, now + options.Value.ExpiryPeriod, cancellationToken);
        var previous = before.Onboarding.State.SampleData;
        if (SampleDataRules.IsDue(previous, now))
        {
            // A set past its expiry that the purge has not reached yet: replaced now, so its rows go first.
            await store.DeleteAllAsync(organizationId, cancellationToken);
        }
        await store.WriteAsync(SampleRows.ToEntities(organizationId, set), cancellationToken);
        var outcome = await updates.ApplyAsync(organizationId,
            (onboarding, at) => SampleDataRules.Generate(onboarding, set.Counts, now, options.Value.ExpiryPeriod), null, cancellationToken);
        if (outcome.Succeeded)
        {
            LogGenerated(organizationId, set.Counts.Total, now + options.Value.ExpiryPeriod);
        }
        return outcome;
    }

    public async Task<UpdateOutcome> ClearAsync(string organizationId, CancellationToken cancellationToken)
    {
        var before = await organizations.LoadAsync(organizationId, cancellationToken);
        var check = SampleDataRules.Clear(before.Onboarding, clock.GetUtcNow());
        if (!check.Succeeded)
        {
            return new UpdateOutcome(before, [], check.Error);
        }
        var deleted = await store.DeleteAllAsync(organizationId, cancellationToken);
        var outcome = await updates.ApplyAsync(organizationId, (onboarding, now) => SampleDataRules.Clear(onboarding, now), null, cancellationToken);
        if (outcome.Succeeded && before.Onboarding.State.SampleData.ExpiresAt is { } expiresAt)
        {
            await store.UnindexAsync(SampleDataStore.ExpiryDay(expiresAt), organizationId, cancellationToken);
        }
        LogCleared(organizationId, deleted);
        return outcome;
    }

    /// <summary>The organization's time zone from its profile step, or UTC before it has one.</summary>
    private TimeZoneInfo TimeZoneOf(OrganizationOnboarding onboarding)
    {
        if (onboarding.State.Wizard.Steps.TryGetValue(1, out var profile))
        {
            using var data = JsonDocument.Parse(profile.DataJson);
            if (data.RootElement.TryGetProperty("timezone", out var zone) && zone.GetString() is { } id && timeZones.FindIana(id) is { } found)
            {
                return found;
            }
        }
        return TimeZoneInfo.Utc;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Organization {OrganizationId}: generated {Rows} sample rows, expiring {ExpiresAt:O}")]
    private partial void LogGenerated(string organizationId, int rows, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Organization {OrganizationId}: cleared {Rows} sample rows")]
    private partial void LogCleared(string organizationId, int rows);
}
