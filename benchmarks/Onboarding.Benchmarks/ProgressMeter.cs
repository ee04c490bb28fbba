using System.Diagnostics;

namespace Onboarding.Benchmarks;

/// <summary>
/// Counts finished events of a phase and prints a line every few seconds: how many, overall rate and
/// the rate since the last line. The count is set by whoever knows it (a writer, a queue poll).
/// A line with no progress while work remains is a stall: counted, and marked on the line, saying so when
/// storage itself answered nothing for the whole line (<see cref="StorageHeartbeat"/>).
/// </summary>
public sealed class ProgressMeter(string phase, long total, TimeSpan interval)
{
    private long done;
    private int stalledIntervals;
    private int storageSilentIntervals;

    /// <summary>Intervals (lines) in which nothing finished although work remained.</summary>
    public int StalledIntervals => Volatile.Read(ref stalledIntervals);

    /// <summary>Those of the <see cref="StalledIntervals"/> in which storage answered no request at all.</summary>
    public int StorageSilentIntervals => Volatile.Read(ref storageSilentIntervals);

    public TimeSpan Interval => interval;

    public long Done => Interlocked.Read(ref done);

    public void Add(long events) => Interlocked.Add(ref done, events);

    public void Set(long events) => Interlocked.Exchange(ref done, events);

    /// <summary>Prints until <paramref name="stop"/> is cancelled; the clock starts at <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp), or when this is called.</summary>
    public async Task PrintAsync(CancellationToken stop, long? since = null)
    {
        var started = since ?? Stopwatch.GetTimestamp();
        var (lastTime, lastDone) = (TimeSpan.Zero, 0L);
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var elapsed = Stopwatch.GetElapsedTime(started);
                var now = Done;
                var stalled = now == lastDone && now < total;
                var storageSilence = StorageHeartbeat.Silence;
                var storageSilent = stalled && storageSilence >= elapsed - lastTime;
                if (stalled)
                {
                    Interlocked.Increment(ref stalledIntervals);
                }
                if (storageSilent)
                {
                    Interlocked.Increment(ref storageSilentIntervals);
                }
                Console.WriteLine($"    {phase,-24} {elapsed.TotalSeconds,6:F0} s  {now,9:N0} / {total:N0} events  " +
                    $"{now / elapsed.TotalSeconds,8:N0} events/s  (last {(elapsed - lastTime).TotalSeconds:F0} s: {(now - lastDone) / (elapsed - lastTime).TotalSeconds:N0}/s)" +
                    (storageSilent ? $"  << no progress; storage answered nothing for {storageSilence.TotalSeconds:F0} s" : stalled ? "  << no progress" : ""));
                (lastTime, lastDone) = (elapsed, now);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
