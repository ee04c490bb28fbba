using System.Globalization;
using System.Text.Json.Nodes;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;

namespace Onboarding.Domain.SampleData;

/// <summary>
/// The lifecycle of an organization's demo data: generate (one active set at a time), clear by hand,
/// or expire by the nightly purge once its expiry has passed. The caller stores or deletes the rows and
/// records the returned events (they are not yet applied to the activity counters).
/// </summary>
public static class SampleDataRules
{
    /// <summary>How long a generated set lives when the deployment does not configure it.</summary>
    public static readonly TimeSpan DefaultExpiryPeriod = TimeSpan.FromDays(30);

    public const string ClearedReason = "cleared";
    public const string ExpiredReason = "expired";

    /// <summary>Refuses sample data to an organization whose catalog version defines none.</summary>
    public static DomainError? Offered(OnboardingCatalog catalog) =>
        catalog.SampleData is null
            ? new ConflictError("sample_data_not_offered", "This organization's onboarding catalog defines no sample data.")
            : null;

    /// <summary>An active set whose expiry has passed: the purge may delete it, and a new set may replace it.</summary>
    public static bool IsDue(SampleDataState state, DateTimeOffset now) =>
        state.Status == SampleDataStatus.Active && state.ExpiresAt is { } expiresAt && expiresAt <= now;

    /// <summary>
    /// Records a newly generated set of <paramref name="counts"/>, expiring after <paramref name="expiryPeriod"/>.
    /// Refused while a set is active; an active set past its expiry counts as expired first
    /// (<c>sample_data_cleared</c> with reason <c>expired</c>, then <c>sample_data_generated</c>).
    /// </summary>
    public static DomainResult<OnboardingChange> Generate(OrganizationOnboarding onboarding, SampleDataCounts counts, DateTimeOffset now, TimeSpan expiryPeriod)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(expiryPeriod, TimeSpan.Zero);

        var state = onboarding.State.SampleData;
        if (IsDue(state, now))
        {
            return Expire(onboarding, now).Value!.Then(expired => Generated(expired, counts, now, expiryPeriod));
        }
        if (state.Status == SampleDataStatus.Active)
        {
            return new ConflictError(
                "sample_data_active",
                $"Sample data generated at {Timestamp(state.GeneratedAt)} is still active; clear it before generating new sample data.");
        }
        return Generated(onboarding, counts, now, expiryPeriod);
    }

    /// <summary>Clears the active set at the user's request (also one past its expiry that the purge has not reached yet).</summary>
    public static DomainResult<OnboardingChange> Clear(OrganizationOnboarding onboarding, DateTimeOffset now)
    {
        var state = onboarding.State.SampleData;
        if (state.Status != SampleDataStatus.Active)
        {
            return new ConflictError("no_active_sample_data", "There is no active sample data to clear.");
        }
        return Ended(onboarding, state with { Status = SampleDataStatus.Cleared, ClearedAt = now }, ClearedReason, now);
    }

    /// <summary>Marks the active set as expired, once the nightly purge has deleted its rows. Only a set that is due.</summary>
    public static DomainResult<OnboardingChange> Expire(OrganizationOnboarding onboarding, DateTimeOffset now)
    {
        var state = onboarding.State.SampleData;
        if (!IsDue(state, now))
        {
            return new ConflictError(
                "sample_data_not_due",
                state.Status == SampleDataStatus.Active
                    ? $"The sample data expires at {Timestamp(state.ExpiresAt)}, not yet."
                    : "There is no active sample data to expire.");
        }
        return Ended(onboarding, state with { Status = SampleDataStatus.Expired, ExpiredAt = now }, ExpiredReason, now);
    }

    private static OnboardingChange Generated(OrganizationOnboarding onboarding, SampleDataCounts counts, DateTimeOffset now, TimeSpan expiryPeriod)
    {
        var expiresAt = now + expiryPeriod;
        var state = new SampleDataState(SampleDataStatus.Active, now, expiresAt, ClearedAt: null, ExpiredAt: null, counts);
        // One number per counter the set stands for (snake_case names, so they never meet the camelCase times).
        var data = new JsonObject(counts.ByCounter.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)))
        {
            ["generatedAt"] = Timestamp(now),
            ["expiresAt"] = Timestamp(expiresAt),
        };
        return new OnboardingChange(With(onboarding, state), [Event(onboarding, OnboardingEventTypes.SampleDataGenerated, now, data)]);
    }

    private static OnboardingChange Ended(OrganizationOnboarding onboarding, SampleDataState ended, string reason, DateTimeOffset now)
    {
        var data = new JsonObject
        {
            ["ageDays"] = AgeDays(ended.GeneratedAt ?? now, now),
            ["reason"] = reason,
        };
        return new OnboardingChange(With(onboarding, ended), [Event(onboarding, OnboardingEventTypes.SampleDataCleared, now, data)]);
    }

    /// <summary>Days since generation, to one decimal: precise enough to tell "cleared at once" from "kept a day".</summary>
    private static double AgeDays(DateTimeOffset generatedAt, DateTimeOffset now) =>
        Math.Round(Math.Max(0, (now - generatedAt).TotalDays), 1, MidpointRounding.AwayFromZero);

    private static string Timestamp(DateTimeOffset? at) => at?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) ?? "an unknown time";

    private static OrganizationOnboarding With(OrganizationOnboarding onboarding, SampleDataState sampleData) =>
        onboarding with { State = onboarding.State with { SampleData = sampleData } };

    private static OnboardingEvent Event(OrganizationOnboarding onboarding, string type, DateTimeOffset now, JsonObject data) =>
        new(EventIds.New(now), onboarding.OrganizationId, type, now, Data: data);
}
