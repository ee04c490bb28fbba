using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Domain.Catalog;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Catalog;

/// <summary>The catalogs the repository ships and the JSON Schema editors check them with.</summary>
public static class ShippedCatalogs
{
    public static string DefaultPath => Path.Combine(FunctionApp.RepositoryRoot(), "src", "Onboarding.Domain", "Catalog", "default-catalog.json");

    public static string PortalPath => Path.Combine(FunctionApp.RepositoryRoot(), "catalogs", "platform-portal.json");

    public static string SchemaPath => Path.Combine(FunctionApp.RepositoryRoot(), "catalogs", "catalog.schema.json");

    public static IEnumerable<string> Paths => [DefaultPath, PortalPath];

    public static OnboardingCatalog Portal => CatalogJson.Parse(File.ReadAllText(PortalPath));

    /// <summary>A catalog file as JSON, its comments dropped (the catalog's parser skips them too).</summary>
    public static JsonNode ReadJson(string path) =>
        JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
}
