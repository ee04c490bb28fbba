using System.Diagnostics;
using Onboarding.Functions.Storage;

namespace Onboarding.Benchmarks;

/// <summary>
/// Waits for Azurite's queue clean-up before a timed phase. Azurite sweeps the storage of deleted
/// queue messages once a minute, and after thousands of deletions the sweep blocks it for seconds;
/// without this wait, the sweep for one phase's messages would stall the next phase at random.
/// </summary>
public static class AzuriteQuiet
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(70);
    private static readonly TimeSpan Blocked = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Probe = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns once a sweep has blocked Azurite and ended, or after a minute without one (nothing worth sweeping).</summary>
    public static async Task WaitForQueueSweepAsync(QueueClient anyQueue)
    {
        Console.WriteLine("  waiting for Azurite's queue clean-up (it sweeps deleted messages once a minute) ...");
        var started = Stopwatch.GetTimestamp();
        var blocked = TimeSpan.Zero;
        while (Stopwatch.GetElapsedTime(started) < MaxWait)
        {
            var before = Stopwatch.GetTimestamp();
            await anyQueue.GetPropertiesAsync();
            var latency = Stopwatch.GetElapsedTime(before);
            if (latency > Blocked)
            {
                blocked += latency;
            }
            else if (blocked > TimeSpan.Zero)
            {
                Console.WriteLine($"  Azurite's queue clean-up blocked it for {blocked.TotalSeconds:F1} s; waited {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s");
                return;
            }
            await Task.Delay(Probe);
        }
        Console.WriteLine($"  no blocking clean-up within {MaxWait.TotalSeconds:F0} s");
    }
}
