using System.Globalization;
using System.Text.Json.Nodes;
using Onboarding.Domain.Activity;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;

namespace Onboarding.Benchmarks;

/// <summary>
/// One phase's events: queue messages as product services send them (batch envelopes of one
/// organization, or one event per message) and the same events as the app parses them.
/// Consecutive messages belong to different organizations, so a batch the host's queue listener takes spans many.
/// </summary>
public sealed record EventWorkload(
    string Name,
    IReadOnlyList<string> Organizations,
    IReadOnlyList<string> Messages,
    IReadOnlyList<OnboardingEvent> Events,
    int EventsPerMessage)
{
    /// <summary>Creation events: each moves one activity counter by one, so the counters sum to the event count.</summary>
    public static IReadOnlyList<string> EventTypes { get; } =
    [
        OnboardingEventTypes.VolunteerAdded,
        OnboardingEventTypes.EventCreated,
        OnboardingEventTypes.TeamCreated,
        OnboardingEventTypes.AssignmentCreated,
    ];

    /// <param name="prefix">Makes organization and event ids unique to this phase and run.</param>
    public static EventWorkload Create(string name, string prefix, int events, int eventsPerMessage, int organizations, DateTimeOffset now)
    {
        var messageCount = (events + eventsPerMessage - 1) / eventsPerMessage;
        var orgs = Enumerable.Range(0, Math.Min(organizations, messageCount))
            .Select(n => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{n:D4}"))
            .ToList();
        var start = now.AddMinutes(-2);
        var messages = new List<string>(messageCount);
        for (var m = 0; m < messageCount; m++)
        {
            var organization = orgs[m % orgs.Count];
            var first = m * eventsPerMessage;
            var batch = Enumerable.Range(first, Math.Min(eventsPerMessage, events - first))
                .Select(index => Event(prefix, index, organization, start.AddMilliseconds(index % 60_000)))
                .ToList();
            messages.Add(batch.Count == 1 && eventsPerMessage == 1
                ? batch[0].ToJsonString()
                : new JsonObject { ["version"] = 1, ["events"] = new JsonArray([.. batch]) }.ToJsonString());
        }
        return new EventWorkload(name, orgs, messages, Parse(messages, now), eventsPerMessage);
    }

    /// <summary>The counter movements the stored activity rows must add up to, per organization.</summary>
    public IReadOnlyDictionary<string, long> ExpectedCountsPerOrganization() => Events
        .GroupBy(e => e.OrganizationId, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => (long)g.Count(e => ActivityCounterNames.Effect(e.Type) is not null), StringComparer.Ordinal);

    private static JsonObject Event(string prefix, int index, string organization, DateTimeOffset timestamp) => new()
    {
        ["id"] = string.Create(CultureInfo.InvariantCulture, $"{prefix}:{index:D7}"),
        ["organizationId"] = organization,
        ["type"] = EventTypes[index % EventTypes.Count],
        ["timestamp"] = timestamp.ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>The events exactly as ingestion will see them, through the app's own parser.</summary>
    private static List<OnboardingEvent> Parse(List<string> messages, DateTimeOffset now)
    {
        var steps = DefaultCatalog.Catalog.WizardStepCount;
        var events = new List<OnboardingEvent>();
        foreach (var message in messages)
        {
            var parsed = EventMessageParser.Parse(message, now, steps);
            if (parsed.MessageError is not null || parsed.Rejected.Count > 0)
            {
                throw new InvalidOperationException($"The benchmark built an invalid message: {parsed.MessageError ?? string.Join("; ", parsed.Rejected[0].Reasons)}");
            }
            events.AddRange(parsed.Valid);
        }
        return events;
    }
}
