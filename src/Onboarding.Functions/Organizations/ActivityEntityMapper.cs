using System.Collections.Immutable;
using Azure.Data.Tables;
using Onboarding.Domain.Activity;

namespace Onboarding.Functions.Organizations;

/// <summary>
/// <see cref="ActivityCounters"/> ↔ the (org, <c>profile|activity</c>) row: one Int64 column per
/// counter the catalog declares (<c>Counter_{name}</c>) and per event type (<c>EventType_view_reports</c>).
/// </summary>
public static class ActivityEntityMapper
{
    private const string CounterPrefix = "Counter_";
    private const string EventTypePrefix = "EventType_";

    public static TableEntity ToEntity(string organizationId, ActivityCounters activity)
    {
        var entity = new TableEntity(organizationId, ProfileRows.Activity);
        foreach (var (name, value) in activity.Counters)
        {
            entity[CounterPrefix + name] = value;
        }
        foreach (var (type, count) in activity.EventTypeCounts)
        {
            entity[EventTypePrefix + type] = count;
        }
        if (activity.LastEventAt is { } last)
        {
            entity["LastEventAt"] = last;
        }
        if (activity.SnapshotAt is { } snapshot)
        {
            entity["SnapshotAt"] = snapshot;
        }
        return entity;
    }

    public static ActivityCounters FromEntity(TableEntity? entity)
    {
        if (entity is null)
        {
            return ActivityCounters.Empty;
        }
        ImmutableSortedDictionary<string, long> Read(string prefix) => entity
            .Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToImmutableSortedDictionary(p => p.Key[prefix.Length..], p => entity.GetInt64(p.Key) ?? 0, StringComparer.Ordinal);
        return new ActivityCounters(Read(CounterPrefix), Read(EventTypePrefix), entity.GetDateTimeOffset("LastEventAt"), entity.GetDateTimeOffset("SnapshotAt"));
    }
}
