using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Onboarding.Domain.SampleData;

namespace Onboarding.Domain.Catalog;

/// <summary>The catalog's optional <c>sampleData</c> section: checked by its form, then by generating a set once.</summary>
public static partial class CatalogJson
{
    private const string WhenValue = "$when";
    private const string CycleValue = "$cycle";
    private const string FictionalNameValue = "$fictionalName";

    private static SampleDataTemplate? SampleData(JsonElement root, ActivityCatalog activity)
    {
        if (!root.TryGetProperty("sampleData", out var section))
        {
            return null;
        }
        const string path = "sampleData";
        Object(section, path);
        var collections = Array(section, path, "collections").Select((c, i) => SampleCollection(c, $"{path}.collections[{i}]", activity)).ToList();
        if (collections.Count == 0)
        {
            throw new CatalogException($"{path}.collections: sample data needs at least one collection (leave sampleData out to offer none).");
        }
        Unique(collections.Select(c => c.Counter), path + ".collections", "counter");
        Unique(collections.Select(c => c.Kind), path + ".collections", "kind");
        var template = new SampleDataTemplate(collections);
        CheckByGenerating(template, path);
        return template;
    }

    private static SampleCollectionTemplate SampleCollection(JsonElement collection, string path, ActivityCatalog activity)
    {
        Object(collection, path);
        var counter = String(collection, path, "counter");
        if (!activity.IsCounter(counter))
        {
            throw new CatalogException($"{path}.counter: unknown counter '{counter}' (use {string.Join(", ", activity.CounterNames)}).");
        }
        var kind = String(collection, path, "kind");
        if (!SampleKind().IsMatch(kind))
        {
            throw new CatalogException($"{path}.kind: '{kind}' must be lowercase letters and digits (it starts every key, e.g. '{kind}-1').");
        }
        var forms = new[] { "items", "fields", "rota" }.Where(name => collection.TryGetProperty(name, out _)).ToList();
        return forms switch
        {
            ["items"] => new(counter, kind, [.. Items(collection.GetProperty("items"), path + ".items").Select((item, i) => SampleFields(item, $"{path}.items[{i}]"))], null),
            ["fields"] => new(counter, kind, Repeated(SampleFields(collection.GetProperty("fields"), path + ".fields"), Int(collection, path, "count", 1, SampleDataTemplate.MaxItems)), null),
            ["rota"] => new(counter, kind, [], SampleRota(collection.GetProperty("rota"), path + ".rota")),
            _ => throw new CatalogException($"{path}: a collection has exactly one of items, fields (with count) or rota."),
        };
    }

    private static IReadOnlyList<IReadOnlyDictionary<string, SampleValue>> Repeated(IReadOnlyDictionary<string, SampleValue> fields, int count) =>
        [.. Enumerable.Repeat(fields, count)];

    private static Dictionary<string, SampleValue> SampleFields(JsonElement item, string path)
    {
        Object(item, path);
        var fields = new Dictionary<string, SampleValue>(StringComparer.Ordinal);
        foreach (var field in item.EnumerateObject())
        {
            if (!CamelCaseName().IsMatch(field.Name) || field.Name == "key")
            {
                throw new CatalogException($"{path}.{field.Name}: a field needs a camelCase name other than 'key' (the object's own key).");
            }
            fields[field.Name] = SampleFieldValue(field.Value, $"{path}.{field.Name}");
        }
        return fields.Count > 0 ? fields : throw new CatalogException($"{path}: an object needs at least one field.");
    }

    private static SampleValue SampleFieldValue(JsonElement value, string path)
    {
        var generators = value.ValueKind == JsonValueKind.Object ? value.EnumerateObject().Where(p => p.Name.StartsWith('$')).ToList() : [];
        if (generators.Count == 0)
        {
            return new LiteralSampleValue(value.Clone());
        }
        var generator = generators[0];
        if (value.EnumerateObject().Count() != 1)
        {
            throw new CatalogException($"{path}: a generated value is an object with one property ({FictionalNameValue}, {CycleValue} or {WhenValue}).");
        }
        var inner = $"{path}.{generator.Name}";
        return generator.Name switch
        {
            FictionalNameValue => new FictionalNameSampleValue(Texts(generator.Value, inner, "first"), Texts(generator.Value, inner, "family")),
            CycleValue when generator.Value.ValueKind == JsonValueKind.String => new CycleKeysSampleValue(generator.Value.GetString()!),
            CycleValue when generator.Value.ValueKind == JsonValueKind.Array && generator.Value.GetArrayLength() > 0 =>
                new CycleValuesSampleValue([.. generator.Value.EnumerateArray().Select(v => v.Clone())]),
            CycleValue => throw new CatalogException($"{inner}: expected a counter whose keys to take in turn, or a non-empty array of values."),
            WhenValue => When(generator.Value, inner),
            _ => throw new CatalogException($"{inner}: unknown generated value (use {FictionalNameValue}, {CycleValue} or {WhenValue})."),
        };
    }

    private static WhenSampleValue When(JsonElement when, string path)
    {
        Object(when, path);
        DayOfWeek? weekday = null;
        if (when.TryGetProperty("weekday", out _))
        {
            var name = String(when, path, "weekday");
            weekday = Enum.TryParse<DayOfWeek>(name, ignoreCase: true, out var day) && !int.TryParse(name, out _)
                ? day
                : throw new CatalogException($"{path}.weekday: '{name}' is not a day of the week (monday … sunday).");
        }
        var days = when.TryGetProperty("days", out _) ? Int(when, path, "days", -366, 366) : 0;
        var time = String(when, path, "time");
        return TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? new WhenSampleValue(weekday, days, at)
            : throw new CatalogException($"{path}.time: '{time}' is not a time of day HH:mm.");
    }

    private static SampleRota SampleRota(JsonElement rota, string path)
    {
        Object(rota, path);
        return new SampleRota(
            String(rota, path, "shifts"),
            String(rota, path, "shiftGroups"),
            String(rota, path, "perGroup"),
            String(rota, path, "members"),
            String(rota, path, "memberGroup"),
            rota.TryGetProperty("copyFromGroup", out _) ? Texts(rota, path, "copyFromGroup") : []);
    }

    private static List<string> Texts(JsonElement element, string path, string name)
    {
        var texts = Array(element, path, name).Select((t, i) => t.ValueKind == JsonValueKind.String && t.GetString() is { Length: > 0 } text
            ? text
            : throw new CatalogException($"{path}.{name}[{i}]: expected a non-empty string.")).ToList();
        return texts.Count > 0 ? texts : throw new CatalogException($"{path}.{name}: expected at least one.");
    }

    /// <summary>
    /// Generates a set once, which finds what the form cannot show (a rota over a collection that comes later, a
    /// key that names nothing) and the set's size: every set of a template has the same shape.
    /// </summary>
    private static void CheckByGenerating(SampleDataTemplate template, string path)
    {
        SampleDataSet set;
        try
        {
            set = SampleDataGenerator.Generate(template, "catalog-check", TimeZoneInfo.Utc, DateTimeOffset.UnixEpoch);
        }
        catch (SampleTemplateException e)
        {
            throw new CatalogException($"{path}: {e.Message}");
        }
        if (set.Counts.Total > SampleDataTemplate.MaxItems)
        {
            throw new CatalogException($"{path}: a set would hold {set.Counts.Total} objects; at most {SampleDataTemplate.MaxItems} fit the transaction that stores them.");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9]{0,31}$")]
    private static partial Regex SampleKind();
}
