using System.Text.Json.Nodes;

namespace Onboarding.Infra.Tests;

/// <summary>The web app (web/) as a Static Web App that azd deploys to, wired to the API by origin and outputs.</summary>
public sealed class StaticWebAppTemplateTests
{
    private readonly CompiledTemplate compiled = CompiledTemplate.Instance;

    [Fact]
    public void TheWebAppIsAStaticWebAppTaggedForAzdsWebService()
    {
        var site = compiled.Resources("Microsoft.Web/staticSites").Single();

        Assert.Contains("'azd-service-name', 'web'", CompiledTemplate.Text(site["tags"]));
        Assert.Equal("Custom", (string?)site["properties"]?["provider"]);
        Assert.Equal("[parameters('webLocation')]", (string?)ModuleParameters("static-web-app")["location"]?["value"]);
    }

    [Fact]
    public void TheFunctionAppsCorsAllowsTheWebAppsOrigin()
    {
        var passed = CompiledTemplate.Text(ModuleParameters("function-app")["corsAllowedOrigins"]?["value"]);

        Assert.StartsWith("[union(variables('corsAllowedOrigins'), createArray(reference(", passed);
        Assert.Contains("'Microsoft.Resources/deployments', 'static-web-app')", passed);
        Assert.EndsWith(".outputs.origin.value))]", passed);
        Assert.Contains("'https://{0}'", CompiledTemplate.Text(compiled.Module("static-web-app")["outputs"]?["origin"]?["value"]));
    }

    [Fact]
    public void TheWebAppsBuildSettingsAreOutputsNamedAsItsConfigurationReadsThem()
    {
        var outputs = compiled.Template["outputs"]!;
        var config = File.ReadAllText(Path.Combine(BicepCli.RepositoryRoot, "web", "src", "config.ts"));

        foreach (var name in new[] { "WEB_API_BASE_URL", "WEB_AUTH_AUTHORITY", "WEB_AUTH_CLIENT_ID", "WEB_AUTH_SCOPE" })
        {
            Assert.NotNull(outputs[name]);
            Assert.Contains($"env.{name}", config);
        }
        Assert.Equal("[parameters('authAuthority')]", (string?)outputs["WEB_AUTH_AUTHORITY"]?["value"]);
        Assert.Contains("defaultHostName", CompiledTemplate.Text(outputs["WEB_API_BASE_URL"]?["value"]));
    }

    [Fact]
    public void AzdBuildsTheWebServiceFromItsFolderIntoTheStaticWebAppWithTheOutputsAsEnvironment()
    {
        var azure = File.ReadAllText(Path.Combine(BicepCli.RepositoryRoot, "azure.yaml"));
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepCli.RepositoryRoot, "infra", "main.parameters.json")))!;

        Assert.Contains("project: ./web", azure);
        Assert.Contains("host: staticwebapp", azure);
        Assert.Contains("azd env get-values > .env.production.local", azure);
        Assert.Equal("${WEB_AUTH_CLIENT_ID}", (string?)parameters["parameters"]?["webAuthClientId"]?["value"]);
        Assert.Equal("${WEB_LOCATION=westeurope}", (string?)parameters["parameters"]?["webLocation"]?["value"]);
    }

    private JsonObject ModuleParameters(string deploymentName) =>
        compiled.Resources("Microsoft.Resources/deployments")
            .Single(deployment => (string?)deployment["name"] == deploymentName)["properties"]!["parameters"]!.AsObject();
}
