using System.Net.Mime;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Functions.Auth;

namespace Onboarding.Functions.Api;

/// <summary>The API's description, and in development a page to explore it.</summary>
public sealed class OpenApiFunctions(IHostEnvironment environment)
{
    private static readonly Lazy<string> Document = new(() => OpenApiDocument.Build(typeof(OpenApiFunctions).Assembly).ToJsonString());

    [Function("OpenApiDocument"), Access(AccessLevel.Anyone)]
    public IResult GetDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/v1.json")] HttpRequest request) =>
        Results.Text(Document.Value, MediaTypeNames.Application.Json);

    /// <summary>Lists every operation with its access, body and responses; development only (404 elsewhere).</summary>
    [Function("ApiExplorer"), Access(AccessLevel.Anyone)]
    public IResult GetExplorer([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs")] HttpRequest request) =>
        environment.IsDevelopment()
            ? Results.Content(ApiExplorerPage.Render(JsonNode.Parse(Document.Value)!.AsObject()), MediaTypeNames.Text.Html)
            : Problems.NotFound("not_found", "The API explorer is served in development only; the document is at /api/openapi/v1.json.");
}
