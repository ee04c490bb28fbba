using System.Net.Mime;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Domain.Catalog;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Http;

namespace Onboarding.Functions.Api;

/// <summary>The API's description, and in development an explorer to try it.</summary>
public sealed class OpenApiFunctions(IHostEnvironment environment, OnboardingCatalog catalog)
{
    private readonly Lazy<string> document = new(() => OpenApiDocument.Build(typeof(OpenApiFunctions).Assembly, catalog).ToJsonString());

    [Function("OpenApiDocument"), Access(AccessLevel.Anyone), ContentResponse(MediaTypeNames.Application.Json, "The OpenAPI 3.1 document")]
    public IResult GetDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/v1.json")] HttpRequest request) =>
        Results.Text(document.Value, MediaTypeNames.Application.Json);

    /// <summary>An interactive reference (Scalar) where a developer pastes a token and makes calls; development only (404 elsewhere).</summary>
    [Function("ApiExplorer"), Access(AccessLevel.Anyone), ContentResponse(MediaTypeNames.Text.Html, "The explorer's page"), ProblemResponse(404, "not_found")]
    public IResult GetExplorer([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs")] HttpRequest request) =>
        environment.IsDevelopment()
            ? Results.Content(ApiExplorerPage.Html, MediaTypeNames.Text.Html)
            : ExplorerNotServed();

    /// <summary>The explorer's script (gzip when the client accepts it).</summary>
    [Function("ApiExplorerAsset"), Access(AccessLevel.Anyone), ContentResponse("text/javascript", "The explorer's script"), ProblemResponse(404, "not_found")]
    public IResult GetExplorerAsset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs/{asset}")] HttpRequest request, string asset) =>
        !environment.IsDevelopment() ? ExplorerNotServed()
        : asset == ApiExplorerAssets.ScriptName ? ApiExplorerAssets.Script(request)
        : Problems.NotFound("not_found", $"The explorer has no asset '{asset}'.");

    private static IResult ExplorerNotServed() =>
        Problems.NotFound("not_found", "The API explorer is served in development only; the document is at /api/openapi/v1.json.");
}
