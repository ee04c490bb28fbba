using System.Net;
using Onboarding.LocalFunctionsHost.Tests.Infrastructure;

namespace Onboarding.LocalFunctionsHost.Tests;

public sealed class MetadataSourceTests
{
    [Fact]
    public async Task WithWorkerIndexingOffTheFunctionsComeFromTheFunctionsMetadataFile()
    {
        var copy = Path.Combine(Path.GetTempPath(), "lfh-tests", "file-metadata-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(TestWorkerApp.OutputDirectory, copy);
        var config = Path.Combine(copy, "worker.config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"workerIndexing\": \"true\"", "\"workerIndexing\": \"false\"", StringComparison.Ordinal));
        Assert.Contains("\"workerIndexing\": \"false\"", File.ReadAllText(config));
        try
        {
            await using var host = await RunningHost.StartAsync(appDirectory: copy);
            await host.WaitUntilReadyAsync();

            using var response = await host.Client.GetAsync("/api/echo/from-file");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(host.Logs.Lines, line => line.Message == "Functions indexed from functions.metadata (worker indexing is off)");
            Assert.Contains(host.Logs.Lines, line => line.Message.Contains("4 functions loaded (Cancellable, Echo, ProcessMessage, Tick)", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task AFunctionWhoseBindingsCannotBeReadIsLeftOutAndTheOthersLoad()
    {
        var copy = Path.Combine(Path.GetTempPath(), "lfh-tests", "bad-binding-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(TestWorkerApp.OutputDirectory, copy);
        var config = Path.Combine(copy, "worker.config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"workerIndexing\": \"true\"", "\"workerIndexing\": \"false\"", StringComparison.Ordinal));
        var metadata = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(copy, "functions.metadata")))!.AsArray();
        var tick = metadata.Single(function => function!["name"]!.GetValue<string>() == "Tick")!;
        tick["bindings"]![0]!["direction"] = "Sideways";
        File.WriteAllText(Path.Combine(copy, "functions.metadata"), metadata.ToJsonString());
        try
        {
            await using var host = await RunningHost.StartAsync(appDirectory: copy);
            await host.WaitUntilReadyAsync();

            using var response = await host.Client.GetAsync("/api/echo/still-loaded");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(host.Logs.Lines, line => line.Message == "Function Tick is left out: Unknown binding direction 'sideways'.");
            Assert.Contains(host.Logs.Lines, line => line.Message.Contains("3 functions loaded (Cancellable, Echo, ProcessMessage)", StringComparison.Ordinal));
            Assert.DoesNotContain(host.Logs.Lines, line => line.Message.StartsWith("Restarting the worker", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var directory in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(source, target, StringComparison.Ordinal));
        }
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(source, target, StringComparison.Ordinal));
        }
    }
}
