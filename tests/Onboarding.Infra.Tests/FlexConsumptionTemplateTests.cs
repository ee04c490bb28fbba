using System.Text.Json.Nodes;

namespace Onboarding.Infra.Tests;

/// <summary>What matters in the compiled ARM template: plan, runtime, identity-only access, roles, settings.</summary>
public sealed class FlexConsumptionTemplateTests
{
    private readonly CompiledTemplate compiled = CompiledTemplate.Instance;

    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageQueueDataMessageProcessor = "8a0f0c08-91a1-4084-bc3d-661d67233fed";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private JsonObject FunctionApp => compiled.Resources("Microsoft.Web/sites").Single();

    private string AppSettings => CompiledTemplate.Text(
        compiled.Resources("Microsoft.Web/sites/config").Single(config => ((string?)config["name"])!.Contains("appsettings"))["properties"]);

    [Fact]
    public void TheAppRunsOnAFlexConsumptionPlan()
    {
        var plan = compiled.Resources("Microsoft.Web/serverfarms").Single();

        Assert.Equal("FC1", (string?)plan["sku"]?["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]?["tier"]);
        Assert.True((bool?)plan["properties"]?["reserved"]);
        Assert.Equal("functionapp,linux", (string?)FunctionApp["kind"]);
    }

    [Fact]
    public void TheRuntimeIsTheDotnetIsolatedWorkerOnNet10()
    {
        var runtime = FunctionApp["properties"]?["functionAppConfig"]?["runtime"];

        Assert.Equal("dotnet-isolated", (string?)runtime?["name"]);
        Assert.Equal("10.0", (string?)runtime?["version"]);
    }

    [Fact]
    public void ThePackageLivesInABlobContainerReachedWithTheUserAssignedIdentity()
    {
        var config = FunctionApp["properties"]!["functionAppConfig"]!;
        var storage = config["deployment"]?["storage"];

        Assert.Equal("blobContainer", (string?)storage?["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)storage?["authentication"]?["type"]);
        Assert.False(string.IsNullOrEmpty((string?)storage?["authentication"]?["userAssignedIdentityResourceId"]));
        Assert.Null(storage?["authentication"]?["storageAccountConnectionStringName"]);
        Assert.NotNull(config["scaleAndConcurrency"]?["instanceMemoryMB"]);
        Assert.NotNull(config["scaleAndConcurrency"]?["maximumInstanceCount"]);
        Assert.Equal("UserAssigned", (string?)FunctionApp["identity"]?["type"]);
    }

    [Fact]
    public void TheStorageAccountRefusesSharedKeyAccess()
    {
        var account = compiled.Resources("Microsoft.Storage/storageAccounts").Single();

        Assert.False((bool?)account["properties"]?["allowSharedKeyAccess"]);
        Assert.False((bool?)account["properties"]?["allowBlobPublicAccess"]);
    }

    [Fact]
    public void ApplicationInsightsAcceptsOnlyEntraAuthenticatedTelemetry()
    {
        var component = compiled.Resources("Microsoft.Insights/components").Single();

        Assert.True((bool?)component["properties"]?["DisableLocalAuth"]);
        Assert.Contains("'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'", AppSettings);
        Assert.Contains("Authorization=AAD", AppSettings);
    }

    [Fact]
    public void TheIdentityGetsTheFourStorageRolesAndTheTelemetryRoleInTheRolesModule()
    {
        var roles = compiled.Module("roles");
        var text = CompiledTemplate.Text(roles);

        Assert.Contains(roles["resources"]!.AsArray(), resource =>
            (string?)resource?["type"] == "Microsoft.Authorization/roleAssignments");
        Assert.All(
            [StorageBlobDataOwner, StorageTableDataContributor, StorageQueueDataContributor,
                StorageQueueDataMessageProcessor, MonitoringMetricsPublisher],
            roleId => Assert.Contains(roleId, text));
        // Nowhere else: the other modules create no role assignments.
        Assert.Equal(2, compiled.Resources("Microsoft.Authorization/roleAssignments").Count());
    }

    [Fact]
    public void HostStorageIsIdentityBasedAndNoSettingHoldsAKeyOrAConnectionString()
    {
        var settings = AppSettings;

        Assert.Contains("'AzureWebJobsStorage__accountName'", settings);
        Assert.Contains("'AzureWebJobsStorage__credential', 'managedidentity'", settings);
        Assert.Contains("'AzureWebJobsStorage__clientId'", settings);
        Assert.DoesNotContain("'AzureWebJobsStorage',", settings);
        foreach (var forbidden in new[]
                 {
                     "AccountKey", "listKeys", "DefaultEndpointsProtocol", "SharedAccessSignature", "InstrumentationKey=",
                     "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_RUN_FROM_PACKAGE",
                     // Flex Consumption takes these from functionAppConfig and refuses them as settings.
                     "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION",
                 })
        {
            Assert.DoesNotContain(forbidden, settings, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain("listKeys(", compiled.Build.StandardOutput, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey", compiled.Build.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheAppsOwnSettingsAreDeployedFromParameters()
    {
        var appConfiguration = compiled.Resources("Microsoft.Resources/deployments")
            .Single(deployment => (string?)deployment["name"] == "function-app")
            ["properties"]!["parameters"]!["appConfiguration"]!["value"]!.AsObject();

        Assert.Equal(
            ["ANALYTICS_ROLLUP_SCHEDULE", "Analytics__PseudonymKey", "Auth__Audience", "Auth__Authority", "Auth__Issuer", "Auth__OrganizationClaim", "ONBOARDING_EVENTS_QUEUE",
                "PROJECTION_SWEEP_SCHEDULE", "PURGE_SCHEDULE", "SampleData__ExpiryDays", "WEBHOOK_DELIVERIES_QUEUE", "WEBHOOK_STALL_SCHEDULE"],
            appConfiguration.Select(setting => setting.Key).Order(StringComparer.Ordinal));
        Assert.Equal("[parameters('projectionSweepSchedule')]", (string?)appConfiguration["PROJECTION_SWEEP_SCHEDULE"]);
        Assert.Equal("0 */5 * * * *", (string?)compiled.Template["parameters"]?["projectionSweepSchedule"]?["defaultValue"]);
        Assert.Equal("0 0 3 * * *", (string?)compiled.Template["parameters"]?["purgeSchedule"]?["defaultValue"]);
        Assert.Equal("0 15 * * * *", (string?)compiled.Template["parameters"]?["analyticsRollupSchedule"]?["defaultValue"]);
        // The pseudonym key is a secret parameter without a default: every deployment chooses its own.
        Assert.Equal("securestring", (string?)compiled.Template["parameters"]?["analyticsPseudonymKey"]?["type"]);
        Assert.Null(compiled.Template["parameters"]?["analyticsPseudonymKey"]?["defaultValue"]);
    }

    [Fact]
    public void AzdDeploysTheAppAsAFunctionServiceTaggedOnTheSite()
    {
        var azureYaml = File.ReadAllText(Path.Combine(BicepCli.RepositoryRoot, "azure.yaml"));

        Assert.Matches(@"(?m)^services:\s*\n(\s*#.*\n)*\s+api:\s*\n(\s+\w+:.*\n)*\s+host: function\s*$", azureYaml);
        Assert.DoesNotMatch(@"(?m)^hooks:", azureYaml);
        Assert.Contains("'azd-service-name', 'api'", CompiledTemplate.Text(FunctionApp["tags"]));
    }
}
