using System.Diagnostics;
using Onboarding.Events;

namespace Onboarding.Benchmarks;

/// <summary>
/// Puts a workload's events on the queue before the app starts, so ingestion never waits for producers:
/// through the producer library, as a product service would, one flush per round.
/// </summary>
public static class QueueFiller
{
    private const int Senders = 16;

    public static async Task<TimeSpan> FillAsync(string storageConnectionString, string queueName, EventWorkload workload, TimeSpan progressInterval)
    {
        var progress = new ProgressMeter($"{workload.Name}: queue fill", workload.Events.Count, progressInterval);
        using var stopPrinting = new CancellationTokenSource();
        var printing = progress.PrintAsync(stopPrinting.Token);
        var started = Stopwatch.GetTimestamp();
        await using (var publisher = new OnboardingEventPublisher(storageConnectionString, new OnboardingEventPublisherOptions
        {
            QueueName = queueName,
            MaxEventsPerEnvelope = workload.EventsPerMessage,
            FlushInterval = null,
            MaxConcurrentSends = Senders,
            MaxBufferedEvents = workload.Rounds.Max(round => round.Count),
        }))
        {
            foreach (var round in workload.Rounds)
            {
                publisher.Publish(round);
                await publisher.FlushAsync();
                progress.Add(round.Count);
            }
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        await stopPrinting.CancelAsync();
        await printing;
        return elapsed;
    }
}
