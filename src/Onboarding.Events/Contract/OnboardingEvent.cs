using System.Text.Json.Nodes;
using Onboarding.Events.Wire;

namespace Onboarding.Events;

/// <summary>
/// One event of contract version 1. Each documented type is a sealed record deriving from this one; the
/// <see cref="Id"/> is made when the event object is created, so every retry of it carries the same id.
/// </summary>
public abstract record OnboardingEvent
{
    private protected OnboardingEvent(string organizationId) => OrganizationId = organizationId;

    /// <summary>The organization (<c>[A-Za-z0-9][A-Za-z0-9._-]{0,63}</c>); one envelope holds one organization's events.</summary>
    public string OrganizationId { get; init; }

    /// <summary>The contract's type name (<see cref="EventTypes"/>).</summary>
    public abstract string Type { get; }

    /// <summary>Unique per organization; a new <see cref="EventIds.New"/> unless given (<see cref="EventIds.FromKey"/>).</summary>
    public string Id { get; init; } = EventIds.New();

    /// <summary>When it happened, with its offset; the creation time of this object unless given.</summary>
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UtcNow;

    public string? SessionId { get; init; }

    /// <summary>A raw user agent (at most 1,024 characters), reduced by the receiver and never stored; not with <see cref="Client"/>.</summary>
    public string? UserAgent { get; init; }

    public ClientInfo? Client { get; init; }

    /// <summary>
    /// The product's opaque id of the user who acted (1 to 128 characters). The receiver replaces it at once by a keyed
    /// pseudonym and never stores it; daily active users count these.
    /// </summary>
    public string? UserId { get; init; }

    /// <summary>An experiment the event was seen under (1 to 40 letters, digits, '.', '_' or '-'); with <see cref="Variant"/>.</summary>
    public string? Experiment { get; init; }

    /// <summary>The experiment's variant; the organization's first event naming the experiment fixes its variant.</summary>
    public string? Variant { get; init; }

    /// <summary>Extra data (at most 8 KB as compact UTF-8 JSON). Typed fields of the event (feature, tutorialId …) are added to it.</summary>
    public JsonObject? Data { get; init; }

    /// <summary>Puts this type's own fields into their wire places.</summary>
    internal virtual void Describe(EventFields fields)
    {
    }
}
