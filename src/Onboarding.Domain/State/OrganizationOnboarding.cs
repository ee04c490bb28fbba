using System.Collections.Immutable;
using Onboarding.Domain.Activity;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.Tutorials;

namespace Onboarding.Domain.State;

/// <summary>
/// Everything about one organization's onboarding that rules read and change: its state, its activity
/// counters and its tutorials. Loaded together (one range query over the org's <c>profile|</c> rows).
/// </summary>
public sealed record OrganizationOnboarding(
    string OrganizationId,
    OnboardingState State,
    ActivityCounters Activity,
    ImmutableSortedDictionary<string, TutorialProgress> Tutorials)
{
    public static OrganizationOnboarding New(string organizationId) => new(
        organizationId, OnboardingState.NotStarted, ActivityCounters.Empty, ImmutableSortedDictionary<string, TutorialProgress>.Empty);

    /// <summary>
    /// Pins the organization to catalog <paramref name="version"/> once its onboarding has begun (its state is no longer
    /// that of an organization that has done nothing); an organization already pinned keeps its version.
    /// </summary>
    public OrganizationOnboarding PinnedTo(int version) =>
        State.CatalogVersion is null && State != OnboardingState.NotStarted ? this with { State = State with { CatalogVersion = version } } : this;

    /// <summary>Records events: every event counts towards its type's counter, activity moves the counters.</summary>
    public OrganizationOnboarding Record(IEnumerable<OnboardingEvent> events, ActivityCatalog activity) =>
        this with { Activity = Activity.ApplyAll(events, activity) };
}

/// <summary>What a rule did: the organization afterwards and the events it caused (stored with it, atomically).</summary>
public sealed record OnboardingChange(OrganizationOnboarding After, IReadOnlyList<OnboardingEvent> Events)
{
    public static OnboardingChange None(OrganizationOnboarding current) => new(current, []);

    /// <summary>This change followed by <paramref name="next"/>, applied to its result.</summary>
    public OnboardingChange Then(Func<OrganizationOnboarding, OnboardingChange> next)
    {
        var following = next(After);
        return new OnboardingChange(following.After, [.. Events, .. following.Events]);
    }
}
