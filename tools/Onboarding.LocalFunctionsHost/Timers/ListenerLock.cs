using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace Onboarding.LocalFunctionsHost.Timers;

/// <summary>
/// The blob lease that makes a timer's listener a singleton across the instances (hosts) sharing a storage account and
/// host id, where the WebJobs SDK keeps it (<c>BlobLeaseDistributedLockManager</c>): container
/// <c>azure-webjobs-hosts</c>, blob <c>locks/{hostId}/Host.Functions.{Name}.Listener</c>.
/// </summary>
public sealed class ListenerLock(BlobContainerClient container, string hostId, string functionName, TimeSpan leasePeriod)
{
    private readonly BlobLeaseClient _lease = container.GetBlobClient(BlobName(hostId, functionName)).GetBlobLeaseClient(Guid.NewGuid().ToString());

    public string LockId => $"{hostId}/Host.Functions.{functionName}.Listener";

    public static string BlobName(string hostId, string functionName) => $"locks/{hostId}/Host.Functions.{functionName}.Listener";

    /// <summary>One attempt; false when another instance holds the lease.</summary>
    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                await _lease.AcquireAsync(leasePeriod, cancellationToken: cancellationToken);
                return true;
            }
            catch (RequestFailedException exception) when (exception.Status == 409)
            {
                return false;
            }
            catch (RequestFailedException exception) when (exception.Status == 404 && attempt == 0)
            {
                await CreateBlobAsync(cancellationToken);
            }
        }
        return false;
    }

    /// <summary>Renews the lease every half period until cancelled; returns when a renewal fails (the lease is lost).</summary>
    public async Task KeepRenewedAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(leasePeriod / 2, cancellationToken);
                await _lease.RenewAsync(cancellationToken: cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async Task ReleaseAsync()
    {
        try
        {
            await _lease.ReleaseAsync(cancellationToken: CancellationToken.None);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 409 or 412)
        {
            // Already expired or taken: nothing to release.
        }
    }

    private async Task CreateBlobAsync(CancellationToken cancellationToken)
    {
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        try
        {
            await container.GetBlobClient(BlobName(hostId, functionName)).UploadAsync(BinaryData.FromString(""), overwrite: false, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            // Another instance created it first.
        }
    }
}
