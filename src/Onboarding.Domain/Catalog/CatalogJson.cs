using System.Text.Json;
using System.Text.RegularExpressions;
using Onboarding.Domain.Events;

namespace Onboarding.Domain.Catalog;

/// <summary>
/// Reads and validates the catalog's JSON form. Every problem is reported with its path, so a bad
/// override stops start-up with a message that says what to fix.
/// </summary>
public static partial class CatalogJson
{
    private static readonly Dictionary<string, ComparisonOperator> Operators = new(StringComparer.Ordinal)
    {
        [">="] = ComparisonOperator.GreaterOrEqual,
        [">"] = ComparisonOperator.Greater,
        ["="] = ComparisonOperator.Equal,
        ["<="] = ComparisonOperator.LessOrEqual,
        ["<"] = ComparisonOperator.Less,
    };

    /// <exception cref="CatalogException">The JSON is malformed or breaks a catalog rule.</exception>
    public static OnboardingCatalog Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new CatalogException($"The catalog is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = Object(document.RootElement, "catalog");
            // The activity comes first: criteria and milestones name its counters and event types.
            var activity = Activity(Property(root, "activity", "catalog"), "activity");
            var catalog = new OnboardingCatalog(
                Array(Property(root, "wizard", "catalog"), "wizard", "steps").Select((s, i) => WizardStep(s, $"wizard.steps[{i}]")).ToList(),
                Array(Property(root, "checklist", "catalog"), "checklist", "tasks").Select((t, i) => Task(t, $"checklist.tasks[{i}]", activity)).ToList(),
                Items(Property(root, "tutorials", "catalog"), "tutorials").Select((t, i) => Tutorial(t, $"tutorials[{i}]")).ToList(),
                Items(Property(root, "features", "catalog"), "features").Select((f, i) => Feature(f, $"features[{i}]", activity)).ToList(),
                activity,
                SampleData(root, activity));
            Validate(catalog);
            return catalog;
        }
    }

    private static void Validate(OnboardingCatalog catalog)
    {
        if (catalog.WizardSteps.Count == 0)
        {
            throw new CatalogException("wizard.steps: the wizard needs at least one step.");
        }
        var numbers = catalog.WizardSteps.Select(s => s.Number).ToList();
        if (!numbers.SequenceEqual(Enumerable.Range(1, numbers.Count)))
        {
            throw new CatalogException($"wizard.steps: steps must be numbered 1 to {numbers.Count} in order, found [{string.Join(", ", numbers)}].");
        }
        Unique(catalog.WizardSteps.Select(s => s.Key), "wizard.steps", "key");
        Unique(catalog.ChecklistTasks.Select(t => t.Id), "checklist.tasks", "id");
        Unique(catalog.Tutorials.Select(t => t.Id), "tutorials", "id");
        Unique(catalog.Features.Select(f => f.Id), "features", "id");
    }

    private static ActivityCatalog Activity(JsonElement activity, string path)
    {
        Object(activity, path);
        var counters = Array(activity, path, "counters").Select((c, i) => Counter(c, $"{path}.counters[{i}]")).ToList();
        Unique(counters.Select(c => c.Name), path + ".counters", "name");
        var eventTypes = Array(activity, path, "eventTypes").Select((t, i) => EventTypeName(t, $"{path}.eventTypes[{i}]")).ToList();
        var declared = new ActivityCatalog(counters, eventTypes, []);
        Unique(declared.Types, path, "event type");
        var builtIn = declared.Types.FirstOrDefault(OnboardingEventTypes.IsKnown);
        if (builtIn is not null)
        {
            throw new CatalogException($"{path}: '{builtIn}' is one of the engine's own event types; a product activity type needs a name of its own.");
        }
        var snapshotKeys = Items(Property(activity, "snapshotKeys", path), path + ".snapshotKeys")
            .Select((k, i) => EventTypeName(k, $"{path}.snapshotKeys[{i}]")).ToList();
        Unique(snapshotKeys, path + ".snapshotKeys", "key");
        var unknown = snapshotKeys.FirstOrDefault(k => !declared.IsCounter(k));
        if (unknown is not null)
        {
            throw new CatalogException($"{path}.snapshotKeys: '{unknown}' is not a counter (use {string.Join(", ", declared.CounterNames)}).");
        }
        return declared with { SnapshotKeys = snapshotKeys };
    }

    private static CounterDefinition Counter(JsonElement counter, string path) => new(
        Identifier(counter, path, "name"),
        Identifier(counter, path, "createdBy"),
        counter.TryGetProperty("deletedBy", out _) ? Identifier(counter, path, "deletedBy") : null,
        counter.TryGetProperty("sampleable", out _) && Bool(counter, path, "sampleable"));

    private static string EventTypeName(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String && element.GetString() is { } text && SnakeCaseId().IsMatch(text)
            ? text
            : throw new CatalogException($"{path}: expected lowercase letters, digits and underscores.");

    private static WizardStepDefinition WizardStep(JsonElement step, string path)
    {
        var fields = Array(step, path, "fields").Select((f, i) => Field(f, $"{path}.fields[{i}]")).ToList();
        Unique(fields.Select(f => f.Name), path + ".fields", "name");
        return new WizardStepDefinition(
            Int(step, path, "number", 1, 100),
            Identifier(step, path, "key"),
            String(step, path, "titleKey"),
            String(step, path, "descriptionKey"),
            fields);
    }

    private static FieldRule Field(JsonElement field, string path)
    {
        var name = String(field, path, "name");
        if (!CamelCaseName().IsMatch(name))
        {
            throw new CatalogException($"{path}.name: '{name}' must be a camelCase name (the API's casing).");
        }
        var typeName = String(field, path, "type");
        var type = typeName switch
        {
            "string" => FieldType.String,
            "integer" => FieldType.Integer,
            "boolean" => FieldType.Boolean,
            "choice" => FieldType.Choice,
            "timezone" => FieldType.TimeZone,
            "localDateTime" => FieldType.LocalDateTime,
            _ => throw new CatalogException($"{path}.type: unknown field type '{typeName}' (use string, integer, boolean, choice, timezone, localDateTime)."),
        };
        var rule = new FieldRule(
            name,
            type,
            Bool(field, path, "required"),
            OptionalInt(field, path, "minLength"),
            OptionalInt(field, path, "maxLength"),
            OptionalLong(field, path, "min"),
            OptionalLong(field, path, "max"),
            field.TryGetProperty("choices", out var choices) ? Items(choices, path + ".choices").Select(c => c.GetString() ?? "").ToList() : null);

        if (rule.MinLength > rule.MaxLength || rule.Min > rule.Max)
        {
            throw new CatalogException($"{path}: a minimum is above its maximum.");
        }
        if (type == FieldType.String && rule.MaxLength is null)
        {
            throw new CatalogException($"{path}.maxLength: a string field needs a maximum length.");
        }
        if (type == FieldType.Choice && (rule.Choices is null || rule.Choices.Count == 0 || rule.Choices.Any(string.IsNullOrEmpty)))
        {
            throw new CatalogException($"{path}.choices: a choice field needs a non-empty list of non-empty choices.");
        }
        return rule;
    }

    private static ChecklistTaskDefinition Task(JsonElement task, string path, ActivityCatalog activity) => new(
        Identifier(task, path, "id"),
        String(task, path, "titleKey"),
        String(task, path, "descriptionKey"),
        String(task, path, "icon"),
        String(task, path, "quickActionUrl"),
        Int(task, path, "order", 0, 1000),
        Bool(task, path, "isActive"),
        !task.TryGetProperty("sticky", out var sticky) || Bool(task, path, "sticky"),
        Criteria(Property(task, "criteria", path), path + ".criteria", activity));

    /// <summary>Parses one criterion, nested ones included.</summary>
    public static Criterion Criteria(JsonElement criteria, string path, ActivityCatalog activity)
    {
        Object(criteria, path);
        var type = String(criteria, path, "type");
        switch (type)
        {
            case "state_check":
                var field = String(criteria, path, "field");
                if (!StateFields.IsKnown(field))
                {
                    throw new CatalogException($"{path}.field: unknown state field '{field}' (use {string.Join(", ", StateFields.Names)}).");
                }
                var value = Property(criteria, "value", path);
                var number = value.ValueKind switch
                {
                    JsonValueKind.True => 1,
                    JsonValueKind.False => 0,
                    JsonValueKind.Number => value.GetDouble(),
                    _ => throw new CatalogException($"{path}.value: a state check compares with a boolean or a number."),
                };
                return new StateCheckCriterion(field, Operator(criteria, path), number);
            case "activity_count":
                var counter = String(criteria, path, "counter");
                if (!activity.IsCounter(counter))
                {
                    throw new CatalogException($"{path}.counter: unknown counter '{counter}' (use {string.Join(", ", activity.CounterNames)}).");
                }
                return new ActivityCountCriterion(counter, Operator(criteria, path), Long(criteria, path, "value", 0));
            case "event_count":
                var eventType = String(criteria, path, "eventType");
                if (!OnboardingEventTypes.IsKnown(eventType) && !activity.IsActivityType(eventType))
                {
                    throw new CatalogException($"{path}.eventType: unknown event type '{eventType}'.");
                }
                return new EventCountCriterion(eventType, Operator(criteria, path), Long(criteria, path, "value", 0));
            case "composite_and" or "composite_or":
                var children = Array(criteria, path, "criteria").Select((c, i) => Criteria(c, $"{path}.criteria[{i}]", activity)).ToList();
                if (children.Count == 0)
                {
                    throw new CatalogException($"{path}.criteria: a composite needs at least one criterion.");
                }
                return type == "composite_and" ? new CompositeAndCriterion(children) : new CompositeOrCriterion(children);
            case "manual":
                return new ManualCriterion();
            default:
                throw new CatalogException($"{path}.type: unknown criteria type '{type}' (use state_check, activity_count, event_count, composite_and, composite_or, manual).");
        }
    }

    private static TutorialDefinition Tutorial(JsonElement tutorial, string path) => new(
        Identifier(tutorial, path, "id"),
        String(tutorial, path, "titleKey"),
        Int(tutorial, path, "steps", 1, 100),
        Int(tutorial, path, "order", 0, 1000));

    private static FeatureDefinition Feature(JsonElement feature, string path, ActivityCatalog activity)
    {
        var milestonePath = path + ".milestone";
        var milestone = Object(Property(feature, "milestone", path), milestonePath);
        var kind = String(milestone, milestonePath, "type");
        FeatureMilestone parsed = kind switch
        {
            "activity_count" => new FeatureMilestone(MilestoneKind.ActivityCount, String(milestone, milestonePath, "counter"), Long(milestone, milestonePath, "threshold", 1)),
            "event_count" => new FeatureMilestone(MilestoneKind.EventCount, String(milestone, milestonePath, "eventType"), Long(milestone, milestonePath, "threshold", 1)),
            _ => throw new CatalogException($"{milestonePath}.type: unknown milestone type '{kind}' (use activity_count or event_count)."),
        };
        if (parsed.Kind == MilestoneKind.ActivityCount && !activity.IsCounter(parsed.Name))
        {
            throw new CatalogException($"{milestonePath}.counter: unknown counter '{parsed.Name}' (use {string.Join(", ", activity.CounterNames)}).");
        }
        if (parsed.Kind == MilestoneKind.EventCount && !OnboardingEventTypes.IsKnown(parsed.Name) && !activity.IsActivityType(parsed.Name))
        {
            throw new CatalogException($"{milestonePath}.eventType: unknown event type '{parsed.Name}'.");
        }
        return new FeatureDefinition(Identifier(feature, path, "id"), String(feature, path, "titleKey"), String(feature, path, "descriptionKey"), parsed);
    }

    private static ComparisonOperator Operator(JsonElement criteria, string path)
    {
        var text = String(criteria, path, "operator");
        return Operators.TryGetValue(text, out var op)
            ? op
            : throw new CatalogException($"{path}.operator: unknown operator '{text}' (use >=, >, =, <=, <).");
    }

    private static JsonElement Object(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Object ? element : throw new CatalogException($"{path}: expected an object.");

    private static JsonElement Property(JsonElement element, string name, string path) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new CatalogException($"{path}.{name}: missing.");

    private static IEnumerable<JsonElement> Array(JsonElement element, string path, string name) =>
        Items(Property(element, name, path), $"{path}.{name}");

    private static IEnumerable<JsonElement> Items(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().ToList() : throw new CatalogException($"{path}: expected an array.");

    private static string String(JsonElement element, string path, string name)
    {
        var value = Property(element, name, path);
        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new CatalogException($"{path}.{name}: expected a non-empty string.");
    }

    private static string Identifier(JsonElement element, string path, string name)
    {
        var text = String(element, path, name);
        return SnakeCaseId().IsMatch(text)
            ? text
            : throw new CatalogException($"{path}.{name}: '{text}' must be lowercase letters, digits and underscores.");
    }

    private static bool Bool(JsonElement element, string path, string name)
    {
        var value = Property(element, name, path);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new CatalogException($"{path}.{name}: expected true or false."),
        };
    }

    private static int Int(JsonElement element, string path, string name, int min, int max)
    {
        var value = Property(element, name, path);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : throw new CatalogException($"{path}.{name}: expected a whole number from {min} to {max}.");
    }

    private static long Long(JsonElement element, string path, string name, long min)
    {
        var value = Property(element, name, path);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= min
            ? number
            : throw new CatalogException($"{path}.{name}: expected a whole number of at least {min}.");
    }

    private static int? OptionalInt(JsonElement element, string path, string name) =>
        element.TryGetProperty(name, out _) ? Int(element, path, name, 0, 1_000_000) : null;

    private static long? OptionalLong(JsonElement element, string path, string name) =>
        element.TryGetProperty(name, out _) ? Long(element, path, name, long.MinValue) : null;

    private static void Unique(IEnumerable<string> values, string path, string what)
    {
        var duplicate = values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CatalogException($"{path}: {what} '{duplicate.Key}' appears more than once.");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex SnakeCaseId();

    [GeneratedRegex("^[a-z][A-Za-z0-9]{0,63}$")]
    private static partial Regex CamelCaseName();
}
