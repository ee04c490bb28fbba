using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Onboarding.Functions.Hosting;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Hosting;

/// <summary>The folder scripts/publish.sh writes, which scripts/test.sh publishes before the tests run.</summary>
public sealed class PublishedAppTests
{
    private static string PublishFolder =>
        Environment.GetEnvironmentVariable("ONBOARDING_PUBLISH_DIR")
        ?? throw new InvalidOperationException("ONBOARDING_PUBLISH_DIR is not set: run the tests with scripts/test.sh, which publishes the app first.");

    [Fact]
    public async Task ThePublishedFolderHasHostJsonTheExecutableAndOneFunctionJsonPerDeclaredFunction()
    {
        await using var app = new OnboardingApplication();
        app.StartServer();
        var declared = FunctionMetadataTests.Catalog(app);

        var written = Directory.GetDirectories(PublishFolder)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .ToDictionary(d => Path.GetFileName(d)!, d => JsonNode.Parse(File.ReadAllText(Path.Combine(d, "function.json")))!);

        Assert.True(File.Exists(Path.Combine(PublishFolder, "host.json")));
        Assert.True(File.Exists(Path.Combine(PublishFolder, "Onboarding.Functions")));
        Assert.Equal(declared.Select(f => f.Name).Order(), written.Keys.Order());
        foreach (var function in declared)
        {
            Assert.True(JsonNode.DeepEquals(FunctionMetadataWriter.ToJson(function), written[function.Name]), function.Name);
        }
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(PublishFolder, "host.json")))!;
        Assert.Equal("Onboarding.Functions", (string?)hostJson["customHandler"]!["description"]!["defaultExecutablePath"]);
        Assert.True((bool?)hostJson["customHandler"]!["enableForwardingHttpRequest"]);
    }

    [Fact]
    public async Task TheExecutableStartsAsACustomHandlerAndAnswersHealth()
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(PublishFolder, "Onboarding.Functions"))
        {
            WorkingDirectory = PublishFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // What the Functions host sets when it starts a custom handler.
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString();
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "custom";
        start.Environment["AzureWebJobsStorage"] = TestStorage.ConnectionString;
        start.Environment["Auth__Issuer"] = TestTokens.Issuer;
        start.Environment["Auth__SigningKey"] = TestTokens.SigningKey;
        using var process = Process.Start(start)!;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var status = await PollAsync(client, TimeSpan.FromSeconds(30));

            Assert.Equal(HttpStatusCode.OK, status);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<HttpStatusCode> PollAsync(HttpClient client, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var response = await client.GetAsync("/api/health");
                if (response.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
                {
                    return response.StatusCode;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
