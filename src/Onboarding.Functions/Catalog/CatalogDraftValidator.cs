using System.Text.Json;
using Json.Schema;
using Onboarding.Domain.Catalog;

namespace Onboarding.Functions.Catalog;

/// <summary>
/// Checks a catalog draft: every error the JSON Schema (<c>catalogs/catalog.schema.json</c>, embedded) finds, each at its
/// JSON path (<c>activity.counters[0]</c>); a draft the schema accepts then goes through the catalog's own rules
/// (declared counters, unique ids, steps numbered 1 to n), which name the first rule broken with its path.
/// </summary>
public sealed class CatalogDraftValidator
{
    private readonly JsonSchema schema = JsonSchema.FromText(SchemaText());

    /// <summary>The catalog, or the errors by path.</summary>
    public (OnboardingCatalog? Catalog, Dictionary<string, string[]> Errors) Validate(string json)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return (null, new Dictionary<string, string[]>(StringComparer.Ordinal) { ["catalog"] = [$"Not valid JSON: {e.Message}"] });
        }
        using (document)
        {
            var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            // Only what makes the draft invalid: an "if" that does not hold reports errors too, which are not the draft's.
            foreach (var detail in (result.Details ?? []).Where(d => !d.IsValid && d.Errors is { Count: > 0 } && !IsCondition(d.EvaluationPath.ToString())))
            {
                var path = PathOf(detail.InstanceLocation.ToString());
                foreach (var error in detail.Errors!.Values)
                {
                    Add(errors, path, error);
                }
            }
        }
        if (errors.Count == 0)
        {
            try
            {
                return (CatalogJson.Parse(json), []);
            }
            catch (CatalogException e)
            {
                var separator = e.Message.IndexOf(": ", StringComparison.Ordinal);
                Add(errors, separator > 0 ? e.Message[..separator] : "catalog", separator > 0 ? e.Message[(separator + 2)..] : e.Message);
            }
        }
        return (null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }

    private static bool IsCondition(string evaluationPath) => evaluationPath.Split('/').Contains("if");

    private static void Add(Dictionary<string, List<string>> errors, string path, string message)
    {
        if (!errors.TryGetValue(path, out var messages))
        {
            errors[path] = messages = [];
        }
        if (!messages.Contains(message))
        {
            messages.Add(message);
        }
    }

    /// <summary>A JSON Pointer (<c>/activity/counters/0</c>) as the catalog's paths read (<c>activity.counters[0]</c>); the root is <c>catalog</c>.</summary>
    private static string PathOf(string pointer)
    {
        var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        if (parts.Count == 0)
        {
            return "catalog";
        }
        var path = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            if (int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                path.Append('[').Append(index).Append(']');
            }
            else
            {
                path.Append(path.Length == 0 ? "" : ".").Append(part);
            }
        }
        return path.ToString();
    }

    private static string SchemaText()
    {
        using var stream = typeof(CatalogDraftValidator).Assembly.GetManifestResourceStream("Onboarding.Functions.Catalog.catalog.schema.json")
            ?? throw new InvalidOperationException("catalog.schema.json is not embedded in Onboarding.Functions.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
