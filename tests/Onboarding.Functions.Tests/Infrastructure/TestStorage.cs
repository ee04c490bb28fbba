using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>The Azurite that scripts/test.sh starts, and unique names so tests never share data.</summary>
public static class TestStorage
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ONBOARDING_TEST_STORAGE")
        ?? throw new InvalidOperationException(
            "ONBOARDING_TEST_STORAGE is not set: run the tests with scripts/test.sh, which starts Azurite and sets it.");

    /// <summary>Azurite's account on ports where nothing listens: storage that cannot be reached.</summary>
    public static string Unreachable =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "TableEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;";

    /// <summary>Short retry delays, so tests that provoke retries stay quick; then <paramref name="configure"/>.</summary>
    public static void FastRetries(ClientOptions options, Action<ClientOptions>? configure = null)
    {
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        configure?.Invoke(options);
    }

    /// <summary>For the app under test: its storage clients with fast retries and whatever <paramref name="configure"/> adds (fault policies).</summary>
    public static StorageClientCustomization Customize(Action<ClientOptions>? configure = null) => new(options => FastRetries(options, configure));

    public static TableServiceClient Tables(Action<ClientOptions>? configure = null)
    {
        var options = new TableClientOptions();
        FastRetries(options, configure);
        return new TableServiceClient(ConnectionString, options);
    }

    public static QueueServiceClient Queues(Action<ClientOptions>? configure = null)
    {
        var options = new QueueClientOptions();
        FastRetries(options, configure);
        return new QueueServiceClient(ConnectionString, options);
    }

    /// <summary>A message body as Functions producers write it by default: UTF-8, base64-encoded (the SDK sends text as given).</summary>
    public static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

    public static string UniqueTableName(string prefix = "t") => prefix + Guid.NewGuid().ToString("N")[..24];

    public static string UniqueQueueName(string prefix = "q") => prefix + "-" + Guid.NewGuid().ToString("N")[..24];

    public static string UniqueId(string prefix = "org") => prefix + "-" + Guid.NewGuid().ToString("N")[..16];

    public static async Task<TableClient> NewTableAsync(Action<ClientOptions>? configure = null)
    {
        var table = Tables(configure).GetTableClient(UniqueTableName());
        await table.CreateIfNotExistsAsync();
        return table;
    }

    public static async Task<QueueClient> NewQueueAsync(Action<ClientOptions>? configure = null)
    {
        var queue = Queues(configure).GetQueueClient(UniqueQueueName());
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    /// <summary>The app's tables and its events queues, created as the app's start-up would, so a test can use them at once.</summary>
    public static async Task CreateAppStorageAsync(string eventsQueueName, params string[] moreTables)
    {
        var tables = Tables();
        var queues = Queues();
        await Task.WhenAll(Onboarding.Functions.Storage.OnboardingStorage.Tables.Concat(moreTables)
            .Select(name => (Task)tables.GetTableClient(name).CreateIfNotExistsAsync())
            .Append(queues.GetQueueClient(eventsQueueName).CreateIfNotExistsAsync())
            .Append(queues.GetQueueClient(eventsQueueName + "-poison").CreateIfNotExistsAsync()));
    }
}
