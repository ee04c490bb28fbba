using Onboarding.LocalFunctionsHost.Configuration;

namespace Onboarding.LocalFunctionsHost.Tests.Rules;

public sealed class SettingsTests
{
    [Fact]
    public void PercentReferencesAreResolvedFromSettings()
    {
        var settings = new AppSettings(new Dictionary<string, string> { ["QUEUE"] = "orders", ["ENV"] = "dev" });

        Assert.Equal("orders-dev", settings.Resolve("%QUEUE%-%ENV%"));
        Assert.Throws<InvalidOperationException>(() => settings.Resolve("%MISSING%"));
    }

    [Fact]
    public void ASubstitutedValueIsNotResolvedAgainSoASelfReferenceCannotRecurse()
    {
        var settings = new AppSettings(new Dictionary<string, string> { ["SELF"] = "%SELF%", ["PCT"] = "50%-%OFF%", ["OFF"] = "x" });

        Assert.Equal("%SELF%", settings.Resolve("%SELF%"));
        Assert.Equal("a-50%-%OFF%-x", settings.Resolve("a-%PCT%-%OFF%"));
    }

    [Fact]
    public void AConnectionNameIsLookedUpWithTheAzureWebJobsPrefixFirst()
    {
        var settings = new AppSettings(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = "default",
            ["AzureWebJobsOther"] = "prefixed",
            ["Other"] = "plain",
            ["ConnectionStrings:Third"] = "from connection strings",
        });

        Assert.Equal("default", StorageConnection.Resolve(settings, null));
        Assert.Equal("default", StorageConnection.Resolve(settings, "AzureWebJobsStorage"));
        Assert.Equal("prefixed", StorageConnection.Resolve(settings, "Other"));
        Assert.Equal("from connection strings", StorageConnection.Resolve(settings, "Third"));
        Assert.Throws<InvalidOperationException>(() => StorageConnection.Resolve(settings, "Nowhere"));
    }

    [Fact]
    public void QueueDefaultsAreTheHostsAndHostJsonOverridesComeFromSettings()
    {
        var folder = Directory.CreateTempSubdirectory("lfh-hostjson").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "host.json"), """{"version":"2.0","extensions":{"queues":{"batchSize":8}}}""");
            var settings = new AppSettings(new Dictionary<string, string> { ["AzureFunctionsJobHost__extensions__queues__maxDequeueCount"] = "2" });

            var options = QueuesOptions.From(HostJson.Load(folder, settings), settings, isDevelopment: true);

            Assert.Equal(8, options.BatchSize);
            Assert.Equal(8 / 2 * Environment.ProcessorCount, options.NewBatchThreshold);
            Assert.Equal(2, options.MaxDequeueCount);
            Assert.Equal(TimeSpan.FromSeconds(2), options.MaxPollingInterval);
            Assert.Equal(TimeSpan.Zero, options.VisibilityTimeout);
            Assert.Equal(QueueMessageEncoding.Base64, options.MessageEncoding);
            Assert.Equal(TimeSpan.FromMinutes(10), options.ProcessingVisibility);
            Assert.Equal("api", HostJson.Load(folder, settings).RoutePrefix);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
