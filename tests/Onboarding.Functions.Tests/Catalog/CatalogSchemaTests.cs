using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Onboarding.Domain.Catalog;

namespace Onboarding.Functions.Tests.Catalog;

/// <summary><c>catalogs/catalog.schema.json</c> accepts both shipped catalogs, which the app's own parser accepts too.</summary>
public sealed class CatalogSchemaTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("portal")]
    public void AShippedCatalogMatchesTheSchemaAndLoads(string which)
    {
        var path = which == "default" ? ShippedCatalogs.DefaultPath : ShippedCatalogs.PortalPath;

        var result = Evaluate(ShippedCatalogs.ReadJson(path));

        Assert.True(result.IsValid, string.Join("\n", Errors(result)));
        Assert.NotEmpty(CatalogJson.Parse(File.ReadAllText(path)).Activity.Counters);
    }

    [Fact]
    public void TheSchemaRefusesACounterWithoutItsCreationTypeAndAnUnknownCriteriaType()
    {
        var catalog = ShippedCatalogs.ReadJson(ShippedCatalogs.PortalPath);
        catalog["activity"]!["counters"]![0]!.AsObject().Remove("createdBy");
        catalog["checklist"]!["tasks"]![0]!["criteria"] = new JsonObject { ["type"] = "sql_query" };

        var errors = Errors(Evaluate(catalog));

        Assert.Contains(errors, e => e.StartsWith("/activity/counters/0:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/checklist/tasks/0/criteria", StringComparison.Ordinal));
        Assert.Empty(Errors(Evaluate(ShippedCatalogs.ReadJson(ShippedCatalogs.PortalPath))));
    }

    [Fact]
    public void TheSchemaRefusesASampleCollectionOfTwoFormsAndAnUnknownGeneratedValue()
    {
        var catalog = ShippedCatalogs.ReadJson(ShippedCatalogs.DefaultPath);
        var collections = catalog["sampleData"]!["collections"]!;
        collections[0]!["rota"] = JsonNode.Parse("""{ "shifts": "events", "shiftGroups": "teamKeys", "perGroup": "n", "members": "volunteers", "memberGroup": "teamKey" }""");
        collections[1]!["fields"]!["displayName"] = JsonNode.Parse("""{ "$fictionalName": { "first": [] } }""");

        var errors = Errors(Evaluate(catalog));

        Assert.Contains(errors, e => e.StartsWith("/sampleData/collections/0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/sampleData/collections/1/fields/displayName", StringComparison.Ordinal));
        Assert.Empty(Errors(Evaluate(ShippedCatalogs.ReadJson(ShippedCatalogs.DefaultPath))));
    }

    [Fact]
    public void TheDefaultCatalogPointsEditorsAtTheSchema()
    {
        var schema = (string?)ShippedCatalogs.ReadJson(ShippedCatalogs.DefaultPath)["$schema"];

        Assert.True(File.Exists(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ShippedCatalogs.DefaultPath)!, schema!))), schema);
    }

    // Built once: the schema registers its $id, and a second registration is refused.
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(ShippedCatalogs.SchemaPath)));

    private static EvaluationResults Evaluate(JsonNode catalog) =>
        Schema.Value.Evaluate(JsonDocument.Parse(catalog.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static List<string> Errors(EvaluationResults result) =>
        // An "if" that does not hold reports errors of its own, which are not the document's.
        [.. (result.Details ?? []).Where(d => !d.IsValid && d.Errors is { Count: > 0 } && !d.EvaluationPath.ToString().Split('/').Contains("if"))
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
}
