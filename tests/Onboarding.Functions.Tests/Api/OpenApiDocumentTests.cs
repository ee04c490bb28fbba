using System.Net;
using System.Text.Json;
using Onboarding.Functions.Hosting;
using Onboarding.Functions.Tests.Hosting;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Api;

public sealed class OpenApiDocumentTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task TheOpenApiDocumentListsExactlyTheHttpFunctions()
    {
        using var client = fixture.App.CreateClient();

        using var response = await client.GetAsync("/api/openapi/v1.json");
        var document = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .Order()
            .ToList();
        var declared = FunctionMetadataTests.Catalog(fixture.App)
            .Select(f => f.Trigger)
            .OfType<HttpFunctionTrigger>()
            .Where(t => !t.Route.StartsWith("openapi/", StringComparison.Ordinal))
            .SelectMany(t => t.Methods.Select(m => $"{m.ToUpperInvariant()} /api/{t.Route}"))
            .Order()
            .ToList();
        Assert.Equal(declared, documented);
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
    }

    [Fact]
    public async Task TheApiExplorerPageIsServedInDevelopment()
    {
        using var client = fixture.App.CreateClient();

        using var response = await client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
