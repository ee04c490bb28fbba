using System.Diagnostics;
using Onboarding.Functions.Storage;

namespace Onboarding.Benchmarks;

/// <summary>Puts a workload's messages on the queue before the app starts, so ingestion never waits for producers.</summary>
public static class QueueFiller
{
    private const int Senders = 16;

    public static async Task<TimeSpan> FillAsync(QueueClient queue, EventWorkload workload, TimeSpan progressInterval)
    {
        var progress = new ProgressMeter($"{workload.Name}: queue fill", workload.Events.Count, progressInterval);
        using var stopPrinting = new CancellationTokenSource();
        var printing = progress.PrintAsync(stopPrinting.Token);
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(workload.Messages, new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (message, cancellationToken) =>
        {
            await queue.SendMessageAsync(message, cancellationToken: cancellationToken);
            progress.Add(workload.EventsPerMessage);
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        await stopPrinting.CancelAsync();
        await printing;
        return elapsed;
    }
}
