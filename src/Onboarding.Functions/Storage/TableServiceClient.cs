using Azure.Core;
using Azure.Core.Pipeline;

namespace Onboarding.Functions.Storage;

/// <summary>The Table service of one storage account; hands out <see cref="TableClient"/>s.</summary>
public sealed class TableServiceClient
{
    private readonly HttpPipeline pipeline;

    /// <summary>Shared-key access from a connection string (Azurite, or an account with keys).</summary>
    public TableServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(StorageConnectionString.Parse(connectionString), options)
    {
    }

    public TableServiceClient(StorageConnectionString connection, StorageClientOptions? options = null)
    {
        Endpoint = connection.TableEndpoint;
        pipeline = StoragePipeline.ForTables(new SharedKeyCredential(connection.AccountName, connection.AccountKey), null, options ?? new StorageClientOptions());
    }

    /// <summary>Microsoft Entra access (managed identity) to <paramref name="endpoint"/>.</summary>
    public TableServiceClient(Uri endpoint, TokenCredential credential, StorageClientOptions? options = null)
    {
        Endpoint = endpoint;
        pipeline = StoragePipeline.ForTables(null, credential, options ?? new StorageClientOptions());
    }

    public Uri Endpoint { get; }

    public TableClient GetTableClient(string tableName) => new(Endpoint, tableName, pipeline);
}
