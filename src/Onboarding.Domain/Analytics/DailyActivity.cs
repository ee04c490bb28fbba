using Onboarding.Domain.Events;

namespace Onboarding.Domain.Analytics;

/// <summary>
/// One UTC day: how many organizations were active (any onboarding or activity event), the events by type, and how many
/// distinct (pseudonymous) users the events named.
/// </summary>
public sealed record ActiveDay(DateOnly Day, int ActiveOrganizations, IReadOnlyDictionary<string, int> EventsByType, int ActiveUsers);

/// <summary>One day of a <see cref="DailyActivity"/> as plain data: the organizations active that day, the events by type, the users' pseudonyms.</summary>
public sealed record DailyActivityData(DateOnly Day, IReadOnlyList<string> Organizations, IReadOnlyDictionary<string, int> EventsByType, IReadOnlyList<string>? Users = null);

/// <summary>
/// Daily active organizations, daily active users (by pseudonym: events without a user count for their organization
/// only) and event counts by type, tallied from events and mergeable (per-day tallies of other instances or roll-ups
/// add up). Sample events never count.
/// </summary>
public sealed class DailyActivity
{
    private readonly Dictionary<DateOnly, HashSet<string>> organizations = [];
    private readonly Dictionary<DateOnly, Dictionary<string, int>> counts = [];
    private readonly Dictionary<DateOnly, HashSet<string>> users = [];

    public void Add(OnboardingEvent e)
    {
        if (e.IsSample)
        {
            return;
        }
        var day = DateOnly.FromDateTime(e.Timestamp.UtcDateTime);
        if (!organizations.TryGetValue(day, out var active))
        {
            organizations[day] = active = new HashSet<string>(StringComparer.Ordinal);
            counts[day] = new Dictionary<string, int>(StringComparer.Ordinal);
        }
        active.Add(e.OrganizationId);
        counts[day][e.Type] = counts[day].GetValueOrDefault(e.Type) + 1;
        if (e.UserKey is { } user)
        {
            UsersOf(day).Add(user);
        }
    }

    public void Merge(DailyActivity other)
    {
        foreach (var (day, active) in other.organizations)
        {
            if (!organizations.TryGetValue(day, out var mine))
            {
                organizations[day] = mine = new HashSet<string>(StringComparer.Ordinal);
                counts[day] = new Dictionary<string, int>(StringComparer.Ordinal);
            }
            mine.UnionWith(active);
            if (other.users.TryGetValue(day, out var otherUsers))
            {
                UsersOf(day).UnionWith(otherUsers);
            }
            foreach (var (type, count) in other.counts[day])
            {
                counts[day][type] = counts[day].GetValueOrDefault(type) + count;
            }
        }
    }

    /// <summary>What was counted, as plain data (a day's roll-up stores it).</summary>
    public IReadOnlyList<DailyActivityData> ToData() =>
        [.. organizations.OrderBy(d => d.Key).Select(d => new DailyActivityData(
            d.Key, [.. d.Value.Order(StringComparer.Ordinal)], counts[d.Key].OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal),
            users.TryGetValue(d.Key, out var named) ? [.. named.Order(StringComparer.Ordinal)] : null))];

    /// <summary>The tally <paramref name="data"/> describes.</summary>
    public static DailyActivity FromData(IEnumerable<DailyActivityData> data)
    {
        var activity = new DailyActivity();
        foreach (var day in data)
        {
            activity.organizations[day.Day] = new HashSet<string>(day.Organizations, StringComparer.Ordinal);
            activity.counts[day.Day] = new Dictionary<string, int>(day.EventsByType, StringComparer.Ordinal);
            if (day.Users is { Count: > 0 } named)
            {
                activity.UsersOf(day.Day).UnionWith(named);
            }
        }
        return activity;
    }

    /// <summary>Every day from <paramref name="from"/> to <paramref name="to"/> (inclusive), quiet days included with zeros.</summary>
    public IReadOnlyList<ActiveDay> Days(DateOnly from, DateOnly to)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, to);
        var days = new List<ActiveDay>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            days.Add(organizations.TryGetValue(day, out var active)
                ? new ActiveDay(day, active.Count, counts[day].OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal), users.GetValueOrDefault(day)?.Count ?? 0)
                : new ActiveDay(day, 0, new Dictionary<string, int>(StringComparer.Ordinal), 0));
        }
        return days;
    }

    /// <summary>Distinct users over <paramref name="from"/> to <paramref name="to"/> (inclusive): a user active on several days counts once.</summary>
    public int DistinctUsers(DateOnly from, DateOnly to) =>
        users.Where(d => d.Key >= from && d.Key <= to).SelectMany(d => d.Value).Distinct(StringComparer.Ordinal).Count();

    private HashSet<string> UsersOf(DateOnly day)
    {
        if (!users.TryGetValue(day, out var named))
        {
            users[day] = named = new HashSet<string>(StringComparer.Ordinal);
        }
        return named;
    }
}
