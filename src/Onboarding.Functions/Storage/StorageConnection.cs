using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;

namespace Onboarding.Functions.Storage;

/// <summary>
/// The storage account of a connection setting, read the way the Functions host reads it: the setting
/// itself holds a connection string (Azurite: <c>UseDevelopmentStorage=true</c>), or
/// <c>{name}__accountName</c> / <c>{name}__tableServiceUri</c> + <c>{name}__queueServiceUri</c> select
/// Microsoft Entra access with the app's identity (<c>{name}__clientId</c> for a user-assigned one).
/// </summary>
public sealed record StorageConnection(string Name, string? ConnectionString, Uri? TableServiceUri, Uri? QueueServiceUri, string? ClientId)
{
    public const string DefaultName = "AzureWebJobsStorage";

    public static StorageConnection Read(IConfiguration configuration, string name = DefaultName)
    {
        if (configuration[name] is { Length: > 0 } connectionString)
        {
            return new StorageConnection(name, connectionString, null, null, null);
        }
        var section = configuration.GetSection(name);
        var account = section["accountName"];
        var tableUri = section["tableServiceUri"] ?? (account is null ? null : $"https://{account}.table.core.windows.net");
        var queueUri = section["queueServiceUri"] ?? (account is null ? null : $"https://{account}.queue.core.windows.net");
        if (tableUri is null || queueUri is null)
        {
            throw new InvalidOperationException(
                $"Storage connection '{name}' is not configured: set {name} to a connection string " +
                $"(UseDevelopmentStorage=true for Azurite) or {name}__accountName for a managed identity.");
        }
        return new StorageConnection(name, null, new Uri(tableUri), new Uri(queueUri), section["clientId"]);
    }

    /// <summary>The identity used when there is no connection string.</summary>
    public TokenCredential Credential() => ClientId is { Length: > 0 } clientId
        ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
        : new DefaultAzureCredential();

    public TableServiceClient CreateTableServiceClient(TableClientOptions options, TokenCredential credential) =>
        ConnectionString is not null ? new TableServiceClient(ConnectionString, options) : new TableServiceClient(TableServiceUri!, credential, options);

    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions options, TokenCredential credential) =>
        ConnectionString is not null ? new QueueServiceClient(ConnectionString, options) : new QueueServiceClient(QueueServiceUri!, credential, options);
}
