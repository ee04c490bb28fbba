using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Api;

public sealed class OpenApiDocumentTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task TheOpenApiDocumentListsExactlyTheHttpFunctionsOfFunctionsMetadata()
    {
        var document = await DocumentAsync();

        var documented = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key} {operation.Value!["operationId"]}"))
            .Order()
            .ToList();
        var published = JsonNode.Parse(File.ReadAllText(Path.Combine(FunctionApp.Directory, "functions.metadata")))!.AsArray()
            .SelectMany(f => f!["bindings"]!.AsArray().Where(b => (string?)b!["type"] == "httpTrigger")
                .SelectMany(b => b!["methods"]!.AsArray().Select(m => $"{((string)m!).ToUpperInvariant()} /api/{b["route"]} {f["name"]}")))
            .Order()
            .ToList();
        Assert.Equal(published, documented);
        Assert.NotNull(document["components"]!["securitySchemes"]!["bearer"]);
    }

    [Theory]
    [InlineData("GetOnboarding", "")]
    [InlineData("GetWizard", "/wizard")]
    [InlineData("GetChecklist", "/checklist")]
    [InlineData("GetFeatures", "/features")]
    [InlineData("GetTutorials", "/tutorials")]
    [InlineData("GetSampleData", "/sample-data")]
    public async Task ResponsesOfAnOrganizationInProgressValidateAgainstTheDocument(string operationId, string path)
    {
        var document = await DocumentAsync();
        var org = TestStorage.UniqueId();
        using var admin = fixture.App.ClientFor(org);
        (await admin.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1",
            JsonRequests.Json("""{"organizationName":"Acme","timezone":"Europe/Paris"}"""))).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/orgs/{org}/onboarding/sample-data", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/orgs/{org}/onboarding/tutorials/events_intro/start", null)).EnsureSuccessStatusCode();

        using var response = await admin.GetAsync($"/api/orgs/{org}/onboarding{path}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertValid(Operation(document, operationId)["responses"]!["200"]!["content"]!["application/json"]!["schema"]!, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ProblemsValidateAgainstTheDocumentsProblemSchema()
    {
        var document = await DocumentAsync();
        var org = TestStorage.UniqueId();
        using var admin = fixture.App.ClientFor(org);

        using var response = await admin.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json("""{"organizationName":""}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertValid(document["components"]!["schemas"]!["Problem"]!, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheApiExplorerPageListsEveryOperationInDevelopment()
    {
        using var client = fixture.App.CreateClient();

        using var response = await client.GetAsync("/api/docs");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("SubmitWizardStep", page);
        Assert.DoesNotContain("IngestOnboardingEvents", page, StringComparison.Ordinal);
    }

    private async Task<JsonObject> DocumentAsync()
    {
        using var client = fixture.App.CreateClient();
        using var response = await client.GetAsync("/api/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static JsonObject Operation(JsonObject document, string operationId) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()).Select(o => o.Value!.AsObject()).Single(o => (string?)o["operationId"] == operationId);

    private static void AssertValid(JsonNode schema, string json)
    {
        var result = JsonSchema.FromText(schema.ToJsonString()).Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))) + "\n" + json);
    }
}
