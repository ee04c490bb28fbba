using System.Collections.Concurrent;
using Azure.Core;
using Azure.Identity;

namespace Onboarding.Functions.Storage;

/// <summary>The Table and Queue clients of one storage account.</summary>
public sealed record StorageAccount(string ConnectionName, TableServiceClient Tables, QueueServiceClient Queues);

/// <summary>
/// Resolves a connection setting name (as function.json's <c>connection</c> names it) to a storage
/// account, the way the Functions host does: <c>Name</c> holds a connection string, or
/// <c>Name__accountName</c> / <c>Name__tableServiceUri</c> + <c>Name__queueServiceUri</c> select
/// Microsoft Entra access (managed identity, <c>Name__clientId</c> for a user-assigned one).
/// </summary>
public sealed class StorageAccounts(IConfiguration configuration, StorageClientOptions options)
{
    public const string DefaultConnection = "AzureWebJobsStorage";

    private readonly ConcurrentDictionary<string, StorageAccount> accounts = new(StringComparer.OrdinalIgnoreCase);

    public StorageAccount Default => Get(DefaultConnection);

    public StorageAccount Get(string connectionName) => accounts.GetOrAdd(connectionName, Create);

    private StorageAccount Create(string name)
    {
        if (configuration[name] is { Length: > 0 } connectionString)
        {
            var parsed = StorageConnectionString.Parse(connectionString);
            return new StorageAccount(name, new TableServiceClient(parsed, options), new QueueServiceClient(parsed, options));
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
        var credential = Credential(section);
        return new StorageAccount(name,
            new TableServiceClient(new Uri(tableUri), credential, options),
            new QueueServiceClient(new Uri(queueUri), credential, options));
    }

    private static TokenCredential Credential(IConfigurationSection section) =>
        section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
}
