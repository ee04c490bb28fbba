using System.Text.Json.Nodes;

namespace Onboarding.Infra.Tests;

/// <summary>Platform CORS on the function app, from the azd environment's ALLOWED_ORIGINS.</summary>
public sealed class CorsTemplateTests
{
    private readonly CompiledTemplate compiled = CompiledTemplate.Instance;

    [Fact]
    public void TheFunctionAppsPlatformCorsComesFromTheModulesParameters()
    {
        var site = compiled.Resources("Microsoft.Web/sites").Single();
        var cors = site["properties"]?["siteConfig"]?["cors"];

        Assert.Equal("[parameters('corsAllowedOrigins')]", (string?)cors?["allowedOrigins"]);
        Assert.Equal("[parameters('corsSupportCredentials')]", (string?)cors?["supportCredentials"]);
        Assert.Null(cors?["exposedHeaders"]);
    }

    [Fact]
    public void TheAllowedOriginsParameterIsACommaSeparatedListSplitTrimmedAndWithoutEmptyEntries()
    {
        var parameters = compiled.Template["parameters"]!;
        var passed = FunctionAppModuleParameters();

        Assert.Equal("string", (string?)parameters["allowedOrigins"]?["type"]);
        Assert.Equal("", (string?)parameters["allowedOrigins"]?["defaultValue"]);
        Assert.False((bool?)parameters["corsSupportCredentials"]?["defaultValue"]);
        // ALLOWED_ORIGINS and the web app's Static Web App (StaticWebAppTemplateTests).
        Assert.StartsWith("[union(variables('corsAllowedOrigins'), ", (string?)passed["corsAllowedOrigins"]?["value"]);
        Assert.Equal("[parameters('corsSupportCredentials')]", (string?)passed["corsSupportCredentials"]?["value"]);
        var split = (string?)compiled.Template["variables"]?["corsAllowedOrigins"];
        Assert.Contains("split(parameters('allowedOrigins'), ',')", split);
        Assert.Contains("trim(", split);
        Assert.Contains("not(empty(", split);
    }

    [Fact]
    public void AzdSetsTheOriginsFromTheEnvironmentValueAllowedOrigins()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepCli.RepositoryRoot, "infra", "main.parameters.json")))!;

        Assert.Equal("${ALLOWED_ORIGINS}", (string?)file["parameters"]?["allowedOrigins"]?["value"]);
        Assert.Equal("${CORS_SUPPORT_CREDENTIALS=false}", (string?)file["parameters"]?["corsSupportCredentials"]?["value"]);
    }

    private JsonObject FunctionAppModuleParameters() =>
        compiled.Resources("Microsoft.Resources/deployments")
            .Single(deployment => (string?)deployment["name"] == "function-app")["properties"]!["parameters"]!.AsObject();
}
