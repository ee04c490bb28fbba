using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Api;

/// <summary>The OpenAPI document the running app serves, and checks of JSON against its schemas.</summary>
public static class OpenApiTestDocument
{
    public static async Task<JsonObject> FetchAsync(ITestApp app)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public static JsonObject Operation(JsonObject document, string operationId) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()).Select(o => o.Value!.AsObject()).Single(o => (string?)o["operationId"] == operationId);

    /// <summary>Asserts <paramref name="json"/> matches <paramref name="schema"/>, whose references point into the document's components.</summary>
    public static void AssertValid(JsonObject document, JsonNode schema, string json)
    {
        var result = Evaluate(document, schema, json);
        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))) + "\n" + json);
    }

    public static bool IsValid(JsonObject document, JsonNode schema, string json) => Evaluate(document, schema, json).IsValid;

    private static EvaluationResults Evaluate(JsonObject document, JsonNode schema, string json)
    {
        // Components become $defs of the schema evaluated, so its references resolve without an OpenAPI-aware validator.
        var text = new JsonObject
        {
            ["$defs"] = document["components"]!["schemas"]!.DeepClone(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        }.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text).Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }
}
