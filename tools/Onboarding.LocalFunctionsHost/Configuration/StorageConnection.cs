namespace Onboarding.LocalFunctionsHost.Configuration;

/// <summary>
/// Resolves a binding's <c>connection</c> the way the WebJobs SDK does: <c>AzureWebJobs&lt;name&gt;</c>
/// then <c>&lt;name&gt;</c>, each under <c>ConnectionStrings:</c> then at the root; <c>Storage</c> when unset.
/// </summary>
public static class StorageConnection
{
    public static string Resolve(AppSettings settings, string? connectionName)
    {
        var name = string.IsNullOrWhiteSpace(connectionName) ? "Storage" : connectionName;
        var candidates = name.StartsWith("AzureWebJobs", StringComparison.OrdinalIgnoreCase)
            ? new[] { name }
            : new[] { "AzureWebJobs" + name, name };
        foreach (var candidate in candidates)
        {
            foreach (var key in new[] { "ConnectionStrings:" + candidate, "ConnectionStrings__" + candidate, candidate })
            {
                if (settings.Get(key) is { Length: > 0 } value)
                {
                    return value == "UseDevelopmentStorage=true" ? DevelopmentStorage : value;
                }
            }
        }
        throw new InvalidOperationException($"The storage connection '{name}' is not set (looked for {string.Join(", ", candidates)}); only connection strings are supported.");
    }

    // Azurite on its usual ports with its well-known development account.
    private const string DevelopmentStorage =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";
}
