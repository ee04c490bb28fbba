using System.Collections.Immutable;

namespace Onboarding.Domain.Checklist;

/// <summary>When each checklist task was first seen complete, and when the whole checklist was.</summary>
public sealed record ChecklistState(ImmutableSortedDictionary<string, DateTimeOffset> CompletedTasks, DateTimeOffset? CompletedAt)
{
    public static ChecklistState Empty { get; } = new(ImmutableSortedDictionary<string, DateTimeOffset>.Empty, null);
}
