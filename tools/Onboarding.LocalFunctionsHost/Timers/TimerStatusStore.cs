using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Onboarding.LocalFunctionsHost.Invocation;

namespace Onboarding.LocalFunctionsHost.Timers;

/// <summary>
/// Schedule status in AzureWebJobsStorage where the Functions host keeps it: container
/// <c>azure-webjobs-hosts</c>, blob <c>timers/{hostId}/Host.Functions.{Name}/status</c>, body
/// <c>{"Last":…,"Next":…,"LastUpdated":…}</c>.
/// </summary>
public sealed class TimerStatusStore(BlobContainerClient container, string hostId)
{
    public const string ContainerName = "azure-webjobs-hosts";

    public static string BlobName(string hostId, string functionName) => $"timers/{hostId}/Host.Functions.{functionName}/status";

    public async Task<ScheduleStatus?> ReadAsync(string functionName, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(BlobName(hostId, functionName)).DownloadContentAsync(cancellationToken);
            using var document = JsonDocument.Parse(content.Value.Content.ToMemory());
            var root = document.RootElement;
            return new ScheduleStatus(root.GetProperty("Last").GetDateTimeOffset(), root.GetProperty("Next").GetDateTimeOffset(), root.GetProperty("LastUpdated").GetDateTimeOffset());
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public async Task WriteAsync(string functionName, ScheduleStatus status, CancellationToken cancellationToken)
    {
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var body = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Last"] = TypedDataValues.IsoDate(status.Last),
            ["Next"] = TypedDataValues.IsoDate(status.Next),
            ["LastUpdated"] = TypedDataValues.IsoDate(status.LastUpdated),
        }, TypedDataValues.HostJsonOptions);
        await container.GetBlobClient(BlobName(hostId, functionName)).UploadAsync(BinaryData.FromString(body), overwrite: true, cancellationToken);
    }
}
