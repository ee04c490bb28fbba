using System.Text.Json.Nodes;

namespace Onboarding.Domain.SampleData;

/// <summary>One demo object: its key (<c>{kind}-{n}</c>, limited to <c>[a-z0-9-]</c> so it fits a row key) and its fields.</summary>
public sealed record SampleItem(string Key, JsonObject Fields);

/// <summary>The demo objects standing for one activity counter's objects.</summary>
public sealed record SampleCollection(string Counter, string Kind, IReadOnlyList<SampleItem> Items);

/// <summary>The demo data generated for one organization from its catalog's template.</summary>
public sealed record SampleDataSet(string OrganizationId, string TimeZoneId, DateTimeOffset GeneratedAt, IReadOnlyList<SampleCollection> Collections)
{
    public SampleDataCounts Counts => new(Collections.ToDictionary(c => c.Counter, c => c.Items.Count, StringComparer.Ordinal));

    public SampleCollection? Collection(string counter) => Collections.FirstOrDefault(c => c.Counter == counter);
}
