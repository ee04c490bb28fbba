using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>The Azurite that scripts/test.sh starts, and unique names so tests never share data.</summary>
public static class TestStorage
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ONBOARDING_TEST_STORAGE")
        ?? throw new InvalidOperationException(
            "ONBOARDING_TEST_STORAGE is not set: run the tests with scripts/test.sh, which starts Azurite and sets it.");

    /// <summary>Options with short retry delays, so tests that provoke retries stay quick.</summary>
    public static StorageClientOptions Options(Action<StorageClientOptions>? configure = null)
    {
        var options = new StorageClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        configure?.Invoke(options);
        return options;
    }

    public static TableServiceClient Tables(StorageClientOptions? options = null) => new(ConnectionString, options ?? Options());

    public static QueueServiceClient Queues(StorageClientOptions? options = null) => new(ConnectionString, options ?? Options());

    public static string UniqueTableName(string prefix = "t") => prefix + Guid.NewGuid().ToString("N")[..24];

    public static string UniqueQueueName(string prefix = "q") => prefix + "-" + Guid.NewGuid().ToString("N")[..24];

    public static string UniqueId(string prefix = "org") => prefix + "-" + Guid.NewGuid().ToString("N")[..16];

    public static async Task<TableClient> NewTableAsync(StorageClientOptions? options = null)
    {
        var table = Tables(options).GetTableClient(UniqueTableName());
        await table.CreateIfNotExistsAsync();
        return table;
    }

    public static async Task<QueueClient> NewQueueAsync(StorageClientOptions? options = null)
    {
        var queue = Queues(options).GetQueueClient(UniqueQueueName());
        await queue.CreateIfNotExistsAsync();
        return queue;
    }
}
