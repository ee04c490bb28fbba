using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Domain.Catalog;

namespace Onboarding.Domain.Tests.Catalog;

/// <summary>Catalogs of other products, made from the default one.</summary>
internal static class CatalogVariants
{
    /// <summary>The default catalog with another activity and no tasks, features or sample data (they name the default's counters).</summary>
    public static JsonObject WithActivity(string activity)
    {
        var json = JsonNode.Parse(DefaultCatalog.Json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        json["activity"] = JsonNode.Parse(activity);
        json["checklist"]!["tasks"] = new JsonArray();
        json["features"] = new JsonArray();
        json.Remove("sampleData");
        return json;
    }
}
