using Microsoft.Extensions.Configuration;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Tests.Storage;

public sealed class StorageConnectionTests
{
    [Fact]
    public void AConnectionStringIsUsedAsItIs()
    {
        var connection = StorageConnection.Read(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal("UseDevelopmentStorage=true", connection.ConnectionString);
        Assert.Null(connection.TableServiceUri);
    }

    [Fact]
    public void AnAccountNameMeansTheAccountsEndpointsWithTheAppsIdentity()
    {
        var connection = StorageConnection.Read(Settings(("AzureWebJobsStorage:accountName", "acct"), ("AzureWebJobsStorage:clientId", "client-1")));

        Assert.Null(connection.ConnectionString);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.Equal("client-1", connection.ClientId);
    }

    [Fact]
    public void ExplicitServiceUrisWinOverTheAccountName()
    {
        var connection = StorageConnection.Read(Settings(
            ("AzureWebJobsStorage:accountName", "acct"),
            ("AzureWebJobsStorage:tableServiceUri", "https://tables.example"),
            ("AzureWebJobsStorage:queueServiceUri", "https://queues.example")));

        Assert.Equal(new Uri("https://tables.example"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://queues.example"), connection.QueueServiceUri);
    }

    [Fact]
    public void AMissingConnectionSaysWhatToSet()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageConnection.Read(Settings()));

        Assert.Contains("AzureWebJobsStorage__accountName", error.Message);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
