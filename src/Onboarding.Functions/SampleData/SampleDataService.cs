using System.Text.Json;
using Microsoft.Extensions.Options;
using Onboarding.Domain;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.SampleData;
using Onboarding.Domain.State;
using Onboarding.Functions.Catalog;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.SampleData;

/// <summary>
/// Generates and clears an organization's demo data. Order matters for crashes: the expiry index row
/// is written before the data and removed after it, so a crash can leave an orphan index row or
/// indexed rows (both cleaned by the purge) but never sample data the purge does not know about.
/// </summary>
public sealed partial class SampleDataService(
    OrganizationStore organizations,
    OrganizationUpdates updates,
    SampleDataStore store,
    CatalogVersions catalogs,
    ITimeZoneDirectory timeZones,
    IOptions<SampleDataOptions> options,
    TimeProvider clock,
    ILogger<SampleDataService> logger)
{
    /// <summary>
    /// Generates a set (409 while one is active). The set's rows commit in the same transaction as the state
    /// that makes it active, so a request that loses to a concurrent generate, or dies, leaves no rows behind.
    /// With <paramref name="ifMatch"/>, a stale read is a failed precondition before anything is written.
    /// </summary>
    public async Task<UpdateOutcome> GenerateAsync(string organizationId, IfMatch? ifMatch, CancellationToken cancellationToken)
    {
        var before = await organizations.LoadAsync(organizationId, cancellationToken);
        if (ifMatch is not null && !ifMatch.Matches(before))
        {
            return new UpdateOutcome(before, [], PreconditionFailed: true);
        }
        var catalog = (await catalogs.GetAsync(cancellationToken)).For(before.Onboarding);
        if (SampleDataRules.Offered(catalog) is { } notOffered)
        {
            return new UpdateOutcome(before, [], notOffered) { Catalog = catalog };
        }
        var now = clock.GetUtcNow();
        var expiresAt = now + options.Value.ExpiryPeriod;
        var check = SampleDataRules.Generate(before.Onboarding, new SampleDataCounts(new Dictionary<string, int>()), now, options.Value.ExpiryPeriod);
        if (!check.Succeeded)
        {
            return new UpdateOutcome(before, [], check.Error) { Catalog = catalog };
        }

        var set = SampleDataGenerator.Generate(catalog.SampleData!, organizationId, TimeZoneOf(before.Onboarding, catalog), now);
        await store.IndexAsync(organizationId, expiresAt, cancellationToken);
        var outcome = await updates.ApplyAsync(organizationId,
            (onboarding, _, at) => SampleDataRules.Generate(onboarding, set.Counts, now, options.Value.ExpiryPeriod), ifMatch, cancellationToken,
            alongside: [.. SampleRows.ToEntities(organizationId, set, expiresAt)]);
        if (outcome.Succeeded)
        {
            // Rows of an expired set this one replaced that the purge has not reached yet, and that share no key with this set.
            await store.DeleteExpiringBeforeAsync(organizationId, expiresAt, cancellationToken);
            LogGenerated(organizationId, set.Counts.Total, expiresAt);
        }
        return outcome;
    }

    /// <summary>
    /// Clears the active set: the state first (one winner among concurrent clears), then that set's rows
    /// (a crash in between leaves them indexed, so the purge removes them), then its index row.
    /// </summary>
    public async Task<UpdateOutcome> ClearAsync(string organizationId, IfMatch? ifMatch, CancellationToken cancellationToken)
    {
        DateTimeOffset? clearedExpiry = null;
        var outcome = await updates.ApplyAsync(organizationId, (onboarding, _, now) =>
        {
            clearedExpiry = onboarding.State.SampleData.ExpiresAt;
            return SampleDataRules.Clear(onboarding, now);
        }, ifMatch, cancellationToken);
        if (!outcome.Succeeded || clearedExpiry is not { } expiresAt)
        {
            return outcome;
        }
        var deleted = await store.DeleteExpiringBeforeAsync(organizationId, expiresAt.AddTicks(1), cancellationToken);
        await store.UnindexAsync(SampleDataStore.ExpiryDay(expiresAt), organizationId, cancellationToken);
        LogCleared(organizationId, deleted);
        return outcome;
    }

    /// <summary>The organization's time zone from the wizard field the catalog asks it in, or UTC before it has one.</summary>
    private TimeZoneInfo TimeZoneOf(OrganizationOnboarding onboarding, OnboardingCatalog catalog)
    {
        if (catalog.TimeZoneField is { } field && onboarding.State.Wizard.Steps.TryGetValue(field.Step, out var step))
        {
            using var data = JsonDocument.Parse(step.DataJson);
            if (data.RootElement.TryGetProperty(field.Field, out var zone) && zone.GetString() is { } id && timeZones.FindIana(id) is { } found)
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
