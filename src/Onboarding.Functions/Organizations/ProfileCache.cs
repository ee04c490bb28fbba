using System.Collections.Concurrent;
using Onboarding.Functions.Telemetry;

namespace Onboarding.Functions.Organizations;

/// <summary>
/// The profile rows (with their ETags) this instance last committed for each organization, so a steady
/// stream of events for one organization needs no read before its transaction. Only ingestion uses it:
/// every row it writes is guarded by the ETag it holds, so a stale entry (another instance wrote since)
/// fails its transaction with 409/412/404 and the committer decides again over a fresh read; correctness
/// stays with the ETags, the cache only saves the read. Bounded: at <c>Ingestion:ProfileCacheCapacity</c>
/// organizations (default 10,000; 0 turns it off) it starts over.
/// </summary>
public sealed class ProfileCache(IConfiguration configuration, OnboardingMetrics metrics)
{
    public const string CapacitySetting = "Ingestion:ProfileCacheCapacity";

    private readonly ConcurrentDictionary<string, OrganizationSnapshot> entries = new(StringComparer.Ordinal);
    private readonly int capacity = configuration.GetValue(CapacitySetting, 10_000);

    /// <summary>
    /// What this instance last committed for the organization; else, for a message that starts the organization (its
    /// <c>organization_created</c> first), an organization with no rows (<see cref="OrganizationSnapshot.AssumedNew"/>);
    /// else null: read it.
    /// </summary>
    public OrganizationSnapshot? Get(string organizationId, bool startsTheOrganization)
    {
        var held = entries.GetValueOrDefault(organizationId);
        metrics.ProfileCacheLookedUp(held is not null ? "hit" : startsTheOrganization ? "new" : "miss");
        return held ?? (startsTheOrganization ? OrganizationSnapshot.AssumedNew(organizationId) : null);
    }

    public void Set(string organizationId, OrganizationSnapshot snapshot)
    {
        if (capacity <= 0)
        {
            return;
        }
        if (entries.Count >= capacity && !entries.ContainsKey(organizationId))
        {
            entries.Clear();
        }
        entries[organizationId] = snapshot;
    }

    /// <summary>Forgets an organization (a failed message, an erasure): its next message reads it again.</summary>
    public void Forget(string organizationId) => entries.TryRemove(organizationId, out _);
}
