using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Hosting;

/// <summary>What the Worker SDK wrote into the app's output (<c>functions.metadata</c>), which the Functions host loads.</summary>
public sealed partial class FunctionMetadataTests
{
    private static JsonArray Metadata() => JsonNode.Parse(File.ReadAllText(Path.Combine(FunctionApp.Directory, "functions.metadata")))!.AsArray();

    private static string Trigger(JsonNode function) =>
        function["bindings"]!.AsArray().Select(b => (string)b!["type"]!).Single(t => t.EndsWith("Trigger", StringComparison.Ordinal));

    [Fact]
    public void TheOutputHoldsWhatTheFunctionsHostNeeds()
    {
        foreach (var file in new[] { "host.json", "worker.config.json", "functions.metadata", "Onboarding.Functions.dll" })
        {
            Assert.True(File.Exists(Path.Combine(FunctionApp.Directory, file)), file);
        }
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(FunctionApp.Directory, "host.json")))!;
        Assert.Null(hostJson["customHandler"]);
        Assert.Equal("api", (string?)hostJson["extensions"]!["http"]!["routePrefix"]);
    }

    [Fact]
    public void EveryFunctionAndItsTriggerIsTheOneTheReadmeLists()
    {
        var readme = File.ReadAllText(Path.Combine(FunctionApp.RepositoryRoot(), "README.md"));
        var listed = ReadmeFunctionRow().Matches(readme).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["trigger"].Value);

        var published = Metadata().ToDictionary(f => (string)f!["name"]!, f => Trigger(f!));

        Assert.NotEmpty(listed);
        Assert.Equal(listed.OrderBy(p => p.Key), published.OrderBy(p => p.Key));
        Assert.Matches($@"\b{published.Count} functions\b", readme);
    }

    [Fact]
    public void EveryHttpFunctionDeclaresWhoMayCallIt()
    {
        var app = typeof(OnboardingFunctionsSetup).Assembly;
        var httpFunctions = Metadata().Where(f => Trigger(f!) == "httpTrigger").ToList();

        var undeclared = httpFunctions
            .Select(f => (string)f!["entryPoint"]!)
            .Where(entryPoint => new FunctionAccessPolicies().For(entryPoint) is null)
            .ToList();

        Assert.NotEmpty(httpFunctions);
        Assert.Empty(undeclared);
        Assert.All(httpFunctions, f => Assert.NotNull(app.GetType(((string)f!["entryPoint"]!)[..((string)f!["entryPoint"]!).LastIndexOf('.')])));
    }

    [Fact]
    public void AnAppWithAnHttpFunctionThatDeclaresNoAccessDoesNotStart()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => FunctionAccessPolicies.RequireDeclarations(typeof(UndeclaredFunction).Assembly));

        Assert.Contains(nameof(UndeclaredFunction), refused.Message);
        Assert.Null(new FunctionAccessPolicies().For(typeof(UndeclaredFunction).FullName + "." + nameof(UndeclaredFunction.Run)));
    }

    /// <summary>An HTTP function without [Access]: what the start-up check and the middleware must refuse.</summary>
    public sealed class UndeclaredFunction
    {
        [Function(nameof(UndeclaredFunction))]
        public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "undeclared")] HttpRequest request) => Results.Ok();
    }

    /// <summary>A README table row: <c>| `Name` | queueTrigger | …</c>.</summary>
    [GeneratedRegex(@"^\| `(?<name>[A-Za-z]+)` \| (?<trigger>httpTrigger|queueTrigger|timerTrigger) \|", RegexOptions.Multiline)]
    private static partial Regex ReadmeFunctionRow();
}
