using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.State;

namespace Onboarding.Functions.Catalog;

/// <summary>The published catalog versions an instance knows, and which one is current.</summary>
public sealed record CatalogSet(int CurrentVersion, ImmutableSortedDictionary<int, OnboardingCatalog> Versions)
{
    public OnboardingCatalog Current => Versions[CurrentVersion];

    /// <summary>The organization's pinned version; the current one for an organization not pinned yet.</summary>
    public OnboardingCatalog For(OrganizationOnboarding onboarding) => Version(VersionOf(onboarding));

    public int VersionOf(OrganizationOnboarding onboarding) =>
        onboarding.State.CatalogVersion is { } pinned && Versions.ContainsKey(pinned) ? pinned : CurrentVersion;

    public OnboardingCatalog Version(int version) => Versions.TryGetValue(version, out var catalog) ? catalog : Current;

    /// <summary>
    /// What queued events are read with: the activity of every version and the longest wizard of them (an event names a
    /// step up to it), so an event a pinned organization's version allows is never refused because a later version
    /// dropped it. Each organization's counters and progress follow its own version.
    /// </summary>
    public OnboardingCatalog ForIngestion { get; } =
        Versions.Values.Reverse().MaxBy(v => v.WizardStepCount)! with { Activity = ActivityCatalog.Union(Versions.Values.Reverse().Select(v => v.Activity)) };
}

/// <summary>
/// The catalog versions as this instance uses them: the current-version pointer is read again when it is older than
/// <see cref="CatalogOptions.CacheSeconds"/> (one point read), a version's catalog is read once (versions never change).
/// Every version gets the deployment's per-task switches (<see cref="CatalogSetup.TaskOverridesSection"/>).
/// </summary>
public sealed class CatalogVersions(CatalogVersionStore store, IOptions<CatalogOptions> options, IConfiguration configuration, TimeProvider clock)
{
    private readonly SemaphoreSlim refresh = new(1, 1);
    private volatile Cached? cached;

    public async Task<CatalogSet> GetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (cached is { } hit && now - hit.ReadAt < TimeSpan.FromSeconds(options.Value.CacheSeconds))
        {
            return hit.Set;
        }
        await refresh.WaitAsync(cancellationToken);
        try
        {
            if (cached is { } fresh && now - fresh.ReadAt < TimeSpan.FromSeconds(options.Value.CacheSeconds))
            {
                return fresh.Set;
            }
            var current = await store.CurrentAsync(cancellationToken) ?? await SeedAsync(cancellationToken);
            var versions = cached?.Set.Versions ?? ImmutableSortedDictionary<int, OnboardingCatalog>.Empty;
            if (!versions.ContainsKey(current.Version))
            {
                foreach (var stored in await store.VersionsAsync(versions.IsEmpty ? 0 : versions.Keys.Max(), cancellationToken))
                {
                    versions = versions.SetItem(stored.Version, CatalogSetup.WithOverrides(CatalogJson.Parse(stored.Json), configuration, strict: false));
                }
            }
            var set = new CatalogSet(current.Version, versions);
            cached = new Cached(now, set);
            return set;
        }
        finally
        {
            refresh.Release();
        }
    }

    /// <summary>The first read of a new deployment publishes its catalog file as version 1.</summary>
    private async Task<(int Version, Azure.ETag ETag)> SeedAsync(CancellationToken cancellationToken)
    {
        await store.CreateTableAsync(cancellationToken);
        await store.SeedAsync(CatalogSetup.FileJson(configuration), clock.GetUtcNow(), cancellationToken);
        return await store.CurrentAsync(cancellationToken) ?? throw new InvalidOperationException("The catalog versions table has no current version after seeding it.");
    }

    /// <summary>The set the last <see cref="GetAsync"/> gave: for views of a snapshot read through it.</summary>
    public CatalogSet Latest => cached?.Set ?? throw new InvalidOperationException("No catalog versions read yet; call GetAsync first.");

    /// <summary>Forgets the current version read, so this instance sees its own publish at once.</summary>
    public void Forget() => cached = cached is { } c ? c with { ReadAt = DateTimeOffset.MinValue } : null;

    private sealed record Cached(DateTimeOffset ReadAt, CatalogSet Set);
}
