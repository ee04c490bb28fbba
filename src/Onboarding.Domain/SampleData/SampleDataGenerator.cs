using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Domain.Catalog;

namespace Onboarding.Domain.SampleData;

/// <summary>
/// Builds an organization's demo data from its catalog's <see cref="SampleDataTemplate"/>, collection by collection
/// (a collection may refer to the ones before it). Deterministic: the same organization, template, zone and time
/// always give the same set; names and rotas vary between organizations, the shape does not.
/// </summary>
public static class SampleDataGenerator
{
    /// <exception cref="SampleTemplateException">The template cannot be evaluated (the catalog's check runs it once, so a loaded catalog's can).</exception>
    public static SampleDataSet Generate(SampleDataTemplate template, string organizationId, TimeZoneInfo timeZone, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentNullException.ThrowIfNull(timeZone);

        var context = new Context(SeededSequence.For(organizationId), timeZone, generatedAt);
        foreach (var collection in template.Collections)
        {
            var items = collection.Rota is { } rota
                ? SampleRotas.Book(rota, collection.Kind, context)
                : Evaluate(collection, context);
            context.Add(new SampleCollection(collection.Counter, collection.Kind, items));
        }
        return new SampleDataSet(organizationId, timeZone.Id, generatedAt, context.Collections);
    }

    /// <summary>
    /// The instant a wall-clock time in <paramref name="zone"/> denotes. A time the clocks skip (spring
    /// forward) moves forward by the gap, as the clocks do; a time that happens twice (fall back) means
    /// its first occurrence.
    /// </summary>
    internal static DateTimeOffset ToInstant(DateTime localTime, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // The offset in force before the jump: a day earlier is before it (gaps are shorter than a day).
            offset = zone.GetUtcOffset(new DateTimeOffset(local.AddDays(-1), TimeSpan.Zero));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    internal static string Key(string kind, int number) => string.Create(CultureInfo.InvariantCulture, $"{kind}-{number}");

    private static List<SampleItem> Evaluate(SampleCollectionTemplate collection, Context context)
    {
        // A fictional name's first names are shuffled once per collection, so they stay distinct across its objects.
        var shuffled = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        return collection.Items
            .Select((fields, index) => new SampleItem(Key(collection.Kind, index + 1), new JsonObject(
                fields.Select(field => KeyValuePair.Create(field.Key, Value(field.Key, field.Value, index, context, shuffled))))))
            .ToList();
    }

    private static JsonNode? Value(string field, SampleValue value, int index, Context context, Dictionary<string, List<string>> shuffled) => value switch
    {
        LiteralSampleValue literal => JsonSerializer.SerializeToNode(literal.Value),
        FictionalNameSampleValue name => FictionalName(name, index, context.Sequence,
            shuffled.TryGetValue(field, out var firstNames) ? firstNames : shuffled[field] = context.Sequence.Shuffled(name.FirstNames)),
        CycleKeysSampleValue keys => context.KeysOf(keys.Counter) is { Count: > 0 } known
            ? known[index % known.Count]
            : throw new SampleTemplateException($"'{field}' takes keys of '{keys.Counter}', which has no objects before this collection."),
        CycleValuesSampleValue values => JsonSerializer.SerializeToNode(values.Values[index % values.Values.Count]),
        WhenSampleValue at => When(at, context),
        _ => throw new SampleTemplateException($"'{field}': unknown kind of value."),
    };

    private static string FictionalName(FictionalNameSampleValue name, int index, SeededSequence sequence, List<string> firstNames) =>
        $"{firstNames[index % firstNames.Count]} {name.FamilyNames[sequence.Below(name.FamilyNames.Count)]}";

    private static JsonObject When(WhenSampleValue when, Context context)
    {
        var today = TimeZoneInfo.ConvertTime(context.GeneratedAt, context.TimeZone).Date;
        // The next such weekday strictly after today, so a set generated on a Sunday starts on the next one.
        var anchor = when.Weekday is { } weekday ? today.AddDays(((int)weekday - (int)today.DayOfWeek + 6) % 7 + 1) : today;
        var local = anchor.AddDays(when.Days) + when.Time.ToTimeSpan();
        var instant = ToInstant(local, context.TimeZone);
        return new JsonObject
        {
            ["local"] = TimeZoneInfo.ConvertTime(instant, context.TimeZone).DateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            ["utc"] = instant,
        };
    }

    /// <summary>What generation knows so far: the seed's sequence, the zone and the collections already built.</summary>
    internal sealed class Context(SeededSequence sequence, TimeZoneInfo timeZone, DateTimeOffset generatedAt)
    {
        private readonly List<SampleCollection> collections = [];

        public SeededSequence Sequence { get; } = sequence;

        public TimeZoneInfo TimeZone { get; } = timeZone;

        public DateTimeOffset GeneratedAt { get; } = generatedAt;

        public IReadOnlyList<SampleCollection> Collections => collections;

        public void Add(SampleCollection collection) => collections.Add(collection);

        public SampleCollection? Collection(string counter) => collections.FirstOrDefault(c => c.Counter == counter);

        public IReadOnlyList<string>? KeysOf(string counter) => Collection(counter)?.Items.Select(i => i.Key).ToList();

        public SampleItem? Item(string key) => collections.SelectMany(c => c.Items).FirstOrDefault(i => i.Key == key);
    }
}

/// <summary>A sample-data template that cannot be evaluated: it names a collection, field or key that is not there.</summary>
public sealed class SampleTemplateException(string message) : Exception(message);
