using System.Diagnostics;
using Onboarding.Functions.Storage;

namespace Onboarding.Benchmarks;

/// <summary>
/// Asks the storage emulator for one missing row every 100 ms for the whole run and remembers when it last
/// answered, so a progress line without progress can say whether storage itself answered nothing in that
/// time (Azurite serves its three services on one Node.js thread, and some of its own work blocks it for
/// seconds) or was answering while the app made no progress.
/// </summary>
public static class StorageHeartbeat
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);
    private static long lastAnswer;
    private static int started;

    /// <summary>How long ago storage last answered; zero before <see cref="Start"/>.</summary>
    public static TimeSpan Silence => Volatile.Read(ref started) == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(Volatile.Read(ref lastAnswer));

    /// <summary>Starts the probe, which runs until the process ends.</summary>
    public static void Start(TableServiceClient tables)
    {
        Volatile.Write(ref lastAnswer, Stopwatch.GetTimestamp());
        if (Interlocked.Exchange(ref started, 1) == 0)
        {
            _ = Task.Run(() => ProbeAsync(tables.GetTableClient(OnboardingStorage.OnboardingTable)));
        }
    }

    private static async Task ProbeAsync(TableClient table)
    {
        while (true)
        {
            try
            {
                await table.GetEntityIfExistsAsync<TableEntity>("benchmark-heartbeat", "probe");
                Volatile.Write(ref lastAnswer, Stopwatch.GetTimestamp());
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or TaskCanceledException)
            {
                // Not an answer; the silence keeps growing until one comes.
            }
            await Task.Delay(Period);
        }
    }
}
