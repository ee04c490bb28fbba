using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Hosting;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Hosting;

public sealed class FunctionMetadataTests
{
    [Fact]
    public async Task EveryApiEndpointIsADeclaredFunctionSoTheHostRoutesIt()
    {
        await using var app = new OnboardingApplication();
        app.StartServer();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        var undeclared = endpoints
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<HttpFunctionMetadata>() is null)
            .Select(e => e.RoutePattern.RawText)
            .ToList();

        Assert.Empty(undeclared);
    }

    [Fact]
    public async Task TheCatalogHoldsHttpFunctionsWithHostRoutesAndRegisteredQueueAndTimerFunctions()
    {
        await using var app = new OnboardingApplication()
            .WithServices(s => s.AddSingleton(new Probe())
                .AddQueueFunction<ProbeQueueFunction>("probe-queue")
                .AddTimerFunction<ProbeTimerFunction>("%PROBE_SCHEDULE%"));
        app.StartServer();

        var catalog = Catalog(app).ToDictionary(f => f.Name);

        var health = Assert.IsType<HttpFunctionTrigger>(catalog["Health"].Trigger);
        Assert.Equal("health", health.Route);
        Assert.Equal(["get"], health.Methods);
        Assert.Equal(new QueueFunctionTrigger("probe-queue", "AzureWebJobsStorage"), catalog["ProbeQueueFunction"].Trigger);
        Assert.Equal(new TimerFunctionTrigger("%PROBE_SCHEDULE%"), catalog["ProbeTimerFunction"].Trigger);
    }

    [Fact]
    public void FunctionJsonHasTheBindingsTheHostExpects()
    {
        var http = FunctionMetadataWriter.ToJson(new FunctionDefinition("GetOnboarding",
            new HttpFunctionTrigger("orgs/{orgId}/onboarding", ["get"], FunctionAuthLevel.Anonymous)));
        var queue = FunctionMetadataWriter.ToJson(new FunctionDefinition("IngestOnboardingEvents", new QueueFunctionTrigger("onboarding-events")));
        var timer = FunctionMetadataWriter.ToJson(new FunctionDefinition("PurgeExpiredSampleData", new TimerFunctionTrigger("%PURGE_SCHEDULE%")));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"bindings":[{"type":"httpTrigger","direction":"in","name":"req","authLevel":"anonymous","methods":["get"],"route":"orgs/{orgId}/onboarding"},
                         {"type":"http","direction":"out","name":"res"}]}
            """), http), http.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"bindings":[{"type":"queueTrigger","direction":"in","name":"message","queueName":"onboarding-events","connection":"AzureWebJobsStorage"}]}
            """), queue), queue.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"bindings":[{"type":"timerTrigger","direction":"in","name":"timer","schedule":"%PURGE_SCHEDULE%","runOnStartup":false,"useMonitor":true}]}
            """), timer), timer.ToJsonString());
    }

    internal static IReadOnlyList<FunctionDefinition> Catalog(OnboardingApplication app) =>
        FunctionCatalog.Read([app.Services.GetRequiredService<EndpointDataSource>()], app.Services.GetServices<FunctionRegistration>());
}
