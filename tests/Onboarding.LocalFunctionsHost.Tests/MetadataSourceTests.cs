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
