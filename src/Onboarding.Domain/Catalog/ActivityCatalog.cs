namespace Onboarding.Domain.Catalog;

/// <summary>
/// A product-activity counter: the event type that raises it by one and the one that lowers it (never below zero).
/// <paramref name="Sampleable"/>: those two types may carry <c>isSample</c>, which moves no counter.
/// </summary>
public sealed record CounterDefinition(string Name, string CreatedBy, string? DeletedBy, bool Sampleable);

/// <summary>
/// The product's activity as the catalog declares it: its counters and the event types that move them, other
/// activity types that only count per type, and the counters an <c>activity_snapshot</c> may set.
/// </summary>
public sealed record ActivityCatalog(
    IReadOnlyList<CounterDefinition> Counters,
    IReadOnlyList<string> EventTypes,
    IReadOnlyList<string> SnapshotKeys)
{
    public IEnumerable<string> CounterNames => Counters.Select(c => c.Name).Distinct(StringComparer.Ordinal);

    public bool IsCounter(string name) => Counters.Any(c => c.Name == name);

    /// <summary>Every product activity type of the catalog: creations, deletions and the other declared types.</summary>
    public IEnumerable<string> Types =>
        Counters.SelectMany(c => c.DeletedBy is null ? [c.CreatedBy] : new[] { c.CreatedBy, c.DeletedBy }).Concat(EventTypes);

    public bool IsActivityType(string type) => Types.Contains(type, StringComparer.Ordinal);

    /// <summary>Which counter a creation (+1) or deletion (-1) event moves.</summary>
    public (string Counter, int Delta)? Effect(string eventType)
    {
        foreach (var counter in Counters)
        {
            if (counter.CreatedBy == eventType)
            {
                return (counter.Name, 1);
            }
            if (counter.DeletedBy == eventType)
            {
                return (counter.Name, -1);
            }
        }
        return null;
    }

    /// <summary>Whether events of <paramref name="eventType"/> may carry <c>isSample: true</c>.</summary>
    public bool MayBeSample(string eventType) =>
        Counters.Any(c => c.Sampleable && (c.CreatedBy == eventType || c.DeletedBy == eventType));

    public IEnumerable<string> SampleableTypes => Types.Where(MayBeSample);

    /// <summary>
    /// The activity of several versions at once, to read events with while organizations are pinned to different
    /// versions: every type any of them declares. A type keeps its newest definition; a counter an older version moves
    /// with other types stays beside the newer one of the same name (so a name may appear twice here, never in a catalog).
    /// </summary>
    public static ActivityCatalog Union(IEnumerable<ActivityCatalog> newestFirst)
    {
        var counters = new List<CounterDefinition>();
        var eventTypes = new List<string>();
        var snapshotKeys = new List<string>();
        foreach (var activity in newestFirst)
        {
            var taken = counters.SelectMany(c => new[] { c.CreatedBy, c.DeletedBy }).Concat(eventTypes).ToHashSet(StringComparer.Ordinal);
            counters.AddRange(activity.Counters.Where(c => !taken.Contains(c.CreatedBy) && (c.DeletedBy is null || !taken.Contains(c.DeletedBy))));
            eventTypes.AddRange(activity.EventTypes.Where(t => !taken.Contains(t)));
            snapshotKeys.AddRange(activity.SnapshotKeys.Where(k => !snapshotKeys.Contains(k)));
        }
        return new ActivityCatalog(counters, eventTypes, snapshotKeys);
    }
}
