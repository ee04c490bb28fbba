using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Onboarding.LocalFunctionsHost.Tests.Infrastructure;

/// <summary>Azurite, as scripts/test.sh started it (ONBOARDING_TEST_STORAGE), and names no other test uses.</summary>
public static class TestStorage
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ONBOARDING_TEST_STORAGE")
        ?? throw new InvalidOperationException("ONBOARDING_TEST_STORAGE is not set; run the tests with scripts/test.sh.");

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 40)].ToLowerInvariant();

    /// <summary>A queue client that sends and reads message text as stored (no base64 of its own).</summary>
    public static QueueClient RawQueue(string name) =>
        new QueueServiceClient(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }).GetQueueClient(name);

    public static BlobContainerClient Container(string name) => new BlobServiceClient(ConnectionString).GetBlobContainerClient(name);
}
