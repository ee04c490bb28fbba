using Azure.Core;
using Azure.Core.Pipeline;

namespace Onboarding.Functions.Storage;

/// <summary>The Queue service of one storage account; hands out <see cref="QueueClient"/>s.</summary>
public sealed class QueueServiceClient
{
    private readonly HttpPipeline pipeline;

    public QueueServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(StorageConnectionString.Parse(connectionString), options)
    {
    }

    public QueueServiceClient(StorageConnectionString connection, StorageClientOptions? options = null)
    {
        Endpoint = connection.QueueEndpoint;
        pipeline = StoragePipeline.ForQueues(new SharedKeyCredential(connection.AccountName, connection.AccountKey), null, options ?? new StorageClientOptions());
    }

    /// <summary>Microsoft Entra access (managed identity) to <paramref name="endpoint"/>.</summary>
    public QueueServiceClient(Uri endpoint, TokenCredential credential, StorageClientOptions? options = null)
    {
        Endpoint = endpoint;
        pipeline = StoragePipeline.ForQueues(null, credential, options ?? new StorageClientOptions());
    }

    public Uri Endpoint { get; }

    public QueueClient GetQueueClient(string queueName) => new(Endpoint, queueName, pipeline);
}
