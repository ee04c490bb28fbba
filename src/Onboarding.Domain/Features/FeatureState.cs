using System.Collections.Immutable;

namespace Onboarding.Domain.Features;

/// <summary>The features an organization has unlocked (each once, with its time) and its "show all features" choice.</summary>
public sealed record FeatureState(ImmutableSortedDictionary<string, DateTimeOffset> Unlocked, bool ShowAll, DateTimeOffset? ShowAllChangedAt)
{
    public static FeatureState Empty { get; } = new(ImmutableSortedDictionary<string, DateTimeOffset>.Empty, false, null);
}
