namespace Onboarding.Functions.Storage;

/// <summary>
/// The parts of an Azure Storage connection string this client uses: the account, its shared key
/// and the Table / Queue / Blob endpoints.
/// </summary>
public sealed record StorageConnectionString(
    string AccountName,
    byte[] AccountKey,
    Uri TableEndpoint,
    Uri QueueEndpoint,
    Uri BlobEndpoint)
{
    /// <summary>The well-known development account that Azurite serves.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    // Azurite's published, non-secret development key (the same for every installation).
    private const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>
    /// Parses <c>UseDevelopmentStorage=true</c> (optionally with <c>DevelopmentStorageProxyUri</c>) or
    /// <c>AccountName=…;AccountKey=…</c> with explicit endpoints or <c>DefaultEndpointsProtocol</c> +
    /// <c>EndpointSuffix</c>.
    /// </summary>
    /// <exception cref="FormatException">The string is not a usable shared-key connection string.</exception>
    public static StorageConnectionString Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = segment.IndexOf('=');
            if (equals <= 0)
            {
                throw new FormatException($"Connection string segment '{Redact(segment)}' is not of the form name=value.");
            }
            parts[segment[..equals].Trim()] = segment[(equals + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
        {
            var proxy = parts.TryGetValue("DevelopmentStorageProxyUri", out var p) ? new Uri(p) : new Uri("http://127.0.0.1");
            var host = $"{proxy.Scheme}://{proxy.Host}";
            return new StorageConnectionString(
                DevelopmentAccountName,
                Convert.FromBase64String(DevelopmentAccountKey),
                new Uri($"{host}:10002/{DevelopmentAccountName}"),
                new Uri($"{host}:10001/{DevelopmentAccountName}"),
                new Uri($"{host}:10000/{DevelopmentAccountName}"));
        }

        if (!parts.TryGetValue("AccountName", out var account) || string.IsNullOrEmpty(account))
        {
            throw new FormatException("Connection string has neither UseDevelopmentStorage=true nor AccountName.");
        }
        if (!parts.TryGetValue("AccountKey", out var keyText) || string.IsNullOrEmpty(keyText))
        {
            throw new FormatException("Connection string has no AccountKey; use a managed identity setting instead.");
        }
        byte[] key;
        try
        {
            key = Convert.FromBase64String(keyText);
        }
        catch (FormatException)
        {
            throw new FormatException("Connection string AccountKey is not base64.");
        }

        var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        Uri Endpoint(string name, string service) =>
            parts.TryGetValue(name, out var explicitUri)
                ? new Uri(explicitUri.TrimEnd('/'))
                : new Uri($"{protocol}://{account}.{service}.{suffix}");

        return new StorageConnectionString(
            account,
            key,
            Endpoint("TableEndpoint", "table"),
            Endpoint("QueueEndpoint", "queue"),
            Endpoint("BlobEndpoint", "blob"));
    }

    /// <summary>Azurite on explicit loopback ports, as the test and run scripts start it.</summary>
    public static string ForAzurite(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{DevelopmentAccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{DevelopmentAccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{DevelopmentAccountName};";

    private static string Redact(string segment) =>
        segment.Contains("key", StringComparison.OrdinalIgnoreCase) ? "(redacted)" : segment;

    /// <summary>Never prints the key.</summary>
    public override string ToString() => $"{AccountName} (table {TableEndpoint}, queue {QueueEndpoint})";
}
