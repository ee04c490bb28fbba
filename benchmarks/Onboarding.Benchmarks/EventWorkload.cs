using System.Globalization;
using System.Text.Json.Nodes;
using Onboarding.Domain.Activity;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Events;
using ProducedEvent = Onboarding.Events.OnboardingEvent;
using StoredEvent = Onboarding.Domain.Events.OnboardingEvent;

namespace Onboarding.Benchmarks;

/// <summary>
/// One phase's events, twice: as a product service publishes them through the producer library
/// (<see cref="Rounds"/>: each round holds at most <see cref="EventsPerMessage"/> events of every
/// organization, so one flush per round gives one envelope per organization, and consecutive messages
/// belong to different organizations) and as the app parses them (<see cref="Events"/>, for the checks).
/// Each organization's first event is its <c>organization_created</c>, as a real organization signs up before
/// anything else happens in it; every other event creates one object.
/// </summary>
public sealed record EventWorkload(
    string Name,
    IReadOnlyList<string> Organizations,
    IReadOnlyList<IReadOnlyList<ProducedEvent>> Rounds,
    IReadOnlyList<StoredEvent> Events,
    int EventsPerMessage,
    int MessageCount)
{
    /// <summary>Creation events: each moves one activity counter by one, so the counters sum to the event count.</summary>
    private static readonly Func<string, SampleableActivityEvent>[] Creations =
        [org => new VolunteerAdded(org), org => new EventCreated(org), org => new TeamCreated(org), org => new AssignmentCreated(org)];

    /// <summary>The type names of those events.</summary>
    public static IReadOnlyList<string> EventTypes { get; } = [.. Creations.Select(create => create("x").Type)];

    /// <summary>Every type the workload sends: the creations and each organization's sign-up.</summary>
    public static IReadOnlyList<string> SentTypes { get; } = [.. EventTypes, OnboardingEventTypes.OrganizationCreated];

    /// <param name="prefix">Makes organization and event ids unique to this phase and run.</param>
    public static EventWorkload Create(string name, string prefix, int events, int eventsPerMessage, int organizations, DateTimeOffset now)
    {
        var messageCount = (events + eventsPerMessage - 1) / eventsPerMessage;
        var orgs = Enumerable.Range(0, Math.Min(organizations, messageCount))
            .Select(n => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{n:D4}"))
            .ToList();
        var start = now.AddMinutes(-2);
        // Event i is in message i / eventsPerMessage; message m goes to organization m % orgs, in round m / orgs.
        var rounds = new List<List<ProducedEvent>>();
        for (var index = 0; index < events; index++)
        {
            var message = index / eventsPerMessage;
            var round = message / orgs.Count;
            if (round == rounds.Count)
            {
                rounds.Add([]);
            }
            var organization = orgs[message % orgs.Count];
            var signUp = round == 0 && index % eventsPerMessage == 0;
            rounds[round].Add((signUp ? new OrganizationCreated(organization) : (ProducedEvent)Creations[index % Creations.Length](organization)) with
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"{prefix}:{index:D7}"),
                Timestamp = start.AddMilliseconds(index % 60_000),
            });
        }
        var parsed = rounds.SelectMany(r => r).Chunk(eventsPerMessage).SelectMany(message => Parse(message, now)).ToList();
        return new EventWorkload(name, orgs, rounds, parsed, eventsPerMessage, messageCount);
    }

    /// <summary>How many events move a counter: all but the sign-ups.</summary>
    public int CountedEvents => Events.Count(e => DefaultCatalog.Catalog.Activity.Effect(e.Type) is not null);

    /// <summary>The counter movements the stored activity rows must add up to, per organization.</summary>
    public IReadOnlyDictionary<string, long> ExpectedCountsPerOrganization() => Events
        .GroupBy(e => e.OrganizationId, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => (long)g.Count(e => DefaultCatalog.Catalog.Activity.Effect(e.Type) is not null), StringComparer.Ordinal);

    /// <summary>One message's events exactly as ingestion will see them, through the app's own parser.</summary>
    private static List<StoredEvent> Parse(IEnumerable<ProducedEvent> events, DateTimeOffset now)
    {
        var envelope = new JsonObject
        {
            ["version"] = 1,
            ["events"] = new JsonArray([.. events.Select(e => (JsonNode)new JsonObject
            {
                ["id"] = e.Id,
                ["organizationId"] = e.OrganizationId,
                ["type"] = e.Type,
                ["timestamp"] = e.Timestamp.ToString("O", CultureInfo.InvariantCulture),
            })]),
        };
        var parsed = EventMessageParser.Parse(envelope.ToJsonString(), now, DefaultCatalog.Catalog);
        if (parsed.MessageError is not null || parsed.Rejected.Count > 0)
        {
            throw new InvalidOperationException($"The benchmark built an invalid event: {parsed.MessageError ?? string.Join("; ", parsed.Rejected[0].Reasons)}");
        }
        return [.. parsed.Valid];
    }
}
