using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;

namespace Onboarding.Domain.Activity;

/// <summary>
/// An organization's activity: counters of real (non-sample) product objects, how many events of each
/// type it has recorded, and when. Kept at (org, <c>profile|activity</c>), changed atomically with
/// the events that change it.
/// </summary>
public sealed record ActivityCounters(
    ImmutableSortedDictionary<string, long> Counters,
    ImmutableSortedDictionary<string, long> EventTypeCounts,
    DateTimeOffset? LastEventAt,
    DateTimeOffset? SnapshotAt)
{
    public static ActivityCounters Empty { get; } = new(
        ImmutableSortedDictionary<string, long>.Empty, ImmutableSortedDictionary<string, long>.Empty, null, null);

    public long Counter(string name) => Counters.GetValueOrDefault(name);

    public long EventTypeCount(string eventType) => EventTypeCounts.GetValueOrDefault(eventType);

    /// <summary>
    /// The counters after <paramref name="e"/>: creations add one, deletions take one away (never below
    /// zero), an <c>activity_snapshot</c> sets the counts it carries in <c>data.counts</c>, each as the
    /// catalog's <paramref name="activity"/> declares. Sample activity (<c>isSample: true</c>) changes
    /// nothing, so demo data completes no task.
    /// </summary>
    public ActivityCounters Apply(OnboardingEvent e, ActivityCatalog activity)
    {
        if (e.IsSample)
        {
            return this;
        }
        var counters = Counters;
        var snapshotAt = SnapshotAt;
        if (activity.Effect(e.Type) is var (counter, delta))
        {
            counters = counters.SetItem(counter, Math.Max(0, Counter(counter) + delta));
        }
        else if (e.Type == OnboardingEventTypes.ActivitySnapshot)
        {
            foreach (var (name, value) in SnapshotCounts(e, activity))
            {
                counters = counters.SetItem(name, value);
            }
            snapshotAt = e.Timestamp;
        }
        return new ActivityCounters(
            counters,
            EventTypeCounts.SetItem(e.Type, EventTypeCount(e.Type) + 1),
            LastEventAt is { } last && last > e.Timestamp ? last : e.Timestamp,
            snapshotAt);
    }

    public ActivityCounters ApplyAll(IEnumerable<OnboardingEvent> events, ActivityCatalog activity) =>
        events.Aggregate(this, (counters, e) => counters.Apply(e, activity));

    /// <summary>The absolute counts of an <c>activity_snapshot</c>: <c>data.counts.{key}</c> for the catalog's snapshot keys.</summary>
    public static IEnumerable<(string Name, long Value)> SnapshotCounts(OnboardingEvent snapshot, ActivityCatalog activity)
    {
        if (snapshot.Data?["counts"] is not JsonObject counts)
        {
            yield break;
        }
        foreach (var name in activity.SnapshotKeys)
        {
            if (counts[name] is JsonValue value && value.TryGetValue<long>(out var count) && count >= 0)
            {
                yield return (name, count);
            }
        }
    }
}
