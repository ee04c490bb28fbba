using Azure;
using Azure.Data.Tables;

namespace Onboarding.Functions.Storage;

/// <summary>
/// Creates the app's tables and its trigger queues (each with its poison queue) at start-up, in the background, retrying until storage answers;
/// until then the health endpoint reports storage as unavailable.
/// </summary>
public sealed partial class StorageInitializer(TableServiceClient tables, IEnumerable<ITriggerQueue> triggerQueues, TimeProvider clock, ILogger<StorageInitializer> logger) : BackgroundService
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every table and queue exists.</summary>
    public Task Ready => ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var queues = triggerQueues.SelectMany(q => new[] { q.Queue, q.PoisonQueue }).ToList();
                await Task.WhenAll(
                    OnboardingStorage.Tables.Select(name => (Task)tables.GetTableClient(name).CreateIfNotExistsAsync(cancellationToken: stoppingToken))
                        .Concat(queues.Select(queue => queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken))));
                LogReady(OnboardingStorage.Tables.Count, queues.Count);
                ready.TrySetResult();
                return;
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException or IOException)
            {
                LogRetrying(e, delay);
                await Task.Delay(delay, clock, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ready: {TableCount} tables, {QueueCount} queues")]
    private partial void LogReady(int tableCount, int queueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage not reachable yet; creating tables and queues again in {Delay}")]
    private partial void LogRetrying(Exception exception, TimeSpan delay);
}
