using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
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
        OpenApiTestDocument.AssertValid(document, Operation(document, operationId)["responses"]!["200"]!["content"]!["application/json"]!["schema"]!, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ProblemsValidateAgainstTheDocumentsProblemSchema()
    {
        var document = await DocumentAsync();
        var org = TestStorage.UniqueId();
        using var admin = fixture.App.ClientFor(org);

        using var response = await admin.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json("""{"organizationName":""}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        OpenApiTestDocument.AssertValid(document, document["components"]!["schemas"]!["Problem"]!, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheApiExplorerIsScalarOverTheDocumentWithItsScriptServedByTheApp()
    {
        using var client = fixture.App.CreateClient();

        using var page = await client.GetAsync("/api/docs");
        var html = await page.Content.ReadAsStringAsync();
        using var script = await client.GetAsync("/api/docs/scalar.js");
        var code = await script.Content.ReadAsStringAsync();
        using var missing = await client.GetAsync("/api/docs/other.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script src=\"docs/scalar.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("url: 'openapi/v1.json'", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("createApiReference", code, StringComparison.Ordinal);
        await missing.AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task TheExplorersScriptGoesAsStoredInThePackageToABrowserThatAcceptsGzip()
    {
        using var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/docs/scalar.js");
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");

        using var response = await client.SendAsync(request);
        await using var gzip = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var code = await reader.ReadToEndAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Contains("createApiReference", code, StringComparison.Ordinal);
    }

    private Task<JsonObject> DocumentAsync() => OpenApiTestDocument.FetchAsync(fixture.App);

    private static JsonObject Operation(JsonObject document, string operationId) => OpenApiTestDocument.Operation(document, operationId);
}
