using System.Diagnostics;
using System.Globalization;

namespace Onboarding.Benchmarks;

/// <summary>
/// Azurite's ceiling for the queue work of an ingestion phase: the same messages, pre-filled,
/// taken the way the local Functions host's queue listener takes them (batches of <c>batchSize</c>, a
/// new batch once no more than <c>newBatchThreshold</c> are in flight) and deleted, with no function
/// in between.
/// </summary>
public sealed class RawQueueDrain(QueueServiceClient queues, string runId, BenchmarkSettings settings)
{
    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(10);

    public async Task<PhaseResult> RunAsync(string name, EventWorkload workload)
    {
        var queue = queues.GetQueueClient($"bench-{runId}-drain");
        await queue.CreateIfNotExistsAsync();
        try
        {
            await QueueFiller.FillAsync(settings.StorageConnectionString, queue.Name, workload, settings.ProgressInterval);
            var progress = new ProgressMeter(name, workload.Events.Count, settings.ProgressInterval);
            using var stopPrinting = new CancellationTokenSource();
            var printing = progress.PrintAsync(stopPrinting.Token);

            var started = Stopwatch.GetTimestamp();
            var processor = ProcessorClock.Start(settings.Azurite);
            var deleted = 0;
            var inFlight = new List<Task>();
            while (true)
            {
                inFlight.RemoveAll(task => task.IsCompleted);
                if (inFlight.Count > settings.EffectiveNewBatchThreshold)
                {
                    await Task.WhenAny(inFlight);
                    continue;
                }
                var batch = (await queue.ReceiveMessagesAsync(settings.BatchSize, Visibility)).Value;
                if (batch.Length == 0)
                {
                    break;
                }
                inFlight.AddRange(batch.Select(async message =>
                {
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                    progress.Set(Math.Min(workload.Events.Count, (long)Interlocked.Increment(ref deleted) * workload.EventsPerMessage));
                }));
            }
            await Task.WhenAll(inFlight);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var cpu = processor.Stop();
            await stopPrinting.CancelAsync();
            await printing;
            if (deleted != workload.MessageCount)
            {
                throw new InvalidOperationException($"The drain took {deleted} of {workload.MessageCount} messages.");
            }
            return PhaseResult.Measured(name, workload.Events.Count, elapsed,
                string.Create(CultureInfo.InvariantCulture, $"receive {settings.BatchSize}, threshold {settings.EffectiveNewBatchThreshold}, delete each"), progress) with
            {
                Processor = (cpu, deleted),
            };
        }
        finally
        {
            await queue.DeleteIfExistsAsync();
        }
    }
}
