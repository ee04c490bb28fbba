using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Health;

/// <summary>One storage endpoint's state as the health endpoint reports it.</summary>
public sealed record StorageEndpointHealth(string Endpoint, bool Reachable, string? Problem, double LatencyMs);

/// <summary>Table and queue reachability, with the events backlog.</summary>
public sealed record StorageHealth(StorageEndpointHealth Table, StorageEndpointHealth Queue, int? QueuedEvents, DateTimeOffset CheckedAt)
{
    public bool Healthy => Table.Reachable && Queue.Reachable;
}

/// <summary>
/// Checks storage with one point read and one queue-properties call, at most every few seconds
/// whatever the request rate, so a load balancer can poll it freely.
/// </summary>
public sealed class StorageHealthProbe(TableServiceClient tables, QueueServiceClient queues, EventsQueue events, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);
    private readonly Lock gate = new();
    private Task<StorageHealth>? current;

    public Task<StorageHealth> CheckAsync()
    {
        lock (gate)
        {
            if (current is null || current.IsFaulted || current.IsCanceled
                || (current.IsCompletedSuccessfully && clock.GetUtcNow() - current.Result.CheckedAt > CacheFor))
            {
                current = ProbeAsync();
            }
            return current;
        }
    }

    private async Task<StorageHealth> ProbeAsync()
    {
        using var timeout = new CancellationTokenSource(ProbeTimeout, clock);
        var table = tables.GetTableClient(OnboardingStorage.OnboardingTable);
        var queue = events.Queue;

        var tableCheck = MeasureAsync(tables.Uri, async () =>
        {
            await table.GetEntityIfExistsAsync<TableEntity>("health", "probe", cancellationToken: timeout.Token);
            return (int?)null;
        });
        var queueCheck = MeasureAsync(queues.Uri, async () =>
            (int?)(await queue.GetPropertiesAsync(timeout.Token)).Value.ApproximateMessagesCount);
        var (tableHealth, _) = await tableCheck;
        var (queueHealth, queued) = await queueCheck;
        return new StorageHealth(tableHealth, queueHealth, queued, clock.GetUtcNow());
    }

    private async Task<(StorageEndpointHealth, int?)> MeasureAsync(Uri endpoint, Func<Task<int?>> probe)
    {
        var started = clock.GetTimestamp();
        string? problem = null;
        int? value = null;
        try
        {
            value = await probe();
        }
        catch (RequestFailedException e)
        {
            problem = e.Status == 0 ? "unreachable" : $"{e.Status} {e.ErrorCode}";
        }
        catch (OperationCanceledException)
        {
            problem = $"no answer within {ProbeTimeout.TotalSeconds:0} s";
        }
        var elapsed = clock.GetElapsedTime(started).TotalMilliseconds;
        return (new StorageEndpointHealth(endpoint.GetLeftPart(UriPartial.Authority), problem is null, problem, Math.Round(elapsed, 1)), value);
    }
}
