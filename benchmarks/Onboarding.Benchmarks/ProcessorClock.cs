using System.Diagnostics;
using System.Globalization;

namespace Onboarding.Benchmarks;

/// <summary>The processes whose processor time a phase reads, each by name (Azurite may be several processes).</summary>
public sealed record MeteredProcess(string Name, IReadOnlyList<int> Pids);

/// <summary>
/// The processor time each process used over a phase's timed part: on two cores shared by Azurite, the local Functions host,
/// the worker and this benchmark, what one of them uses the others cannot, so it shows where a ratio's difference comes from.
/// </summary>
public sealed record CpuUse(IReadOnlyList<(string Name, TimeSpan Used)> Processes, TimeSpan Elapsed)
{
    /// <summary>Two phases one after the other: each process's time added, by name.</summary>
    public static CpuUse operator +(CpuUse a, CpuUse b) =>
        new([.. a.Processes.Concat(b.Processes).GroupBy(p => p.Name).Select(g => (g.Key, g.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Used)))],
            a.Elapsed + b.Elapsed);

    public string PerMessage(long messages) => "processor time per message: " + Figures(messages);

    /// <summary>Each process's milliseconds per message, and how busy the cores were.</summary>
    public string Figures(long messages) => messages <= 0 ? "no message was timed" :
        string.Join(", ", Processes.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Used.TotalMilliseconds / messages:F2} ms"))) +
        string.Create(CultureInfo.InvariantCulture,
            $"; all together {Processes.Sum(p => p.Used.TotalSeconds) / (Elapsed.TotalSeconds * Environment.ProcessorCount):P0} of {Environment.ProcessorCount} cores");
}

/// <summary>Reads the processor time of <see cref="MeteredProcess"/>es at the start of a phase and again at its end.</summary>
public sealed class ProcessorClock
{
    private readonly IReadOnlyList<MeteredProcess> processes;
    private readonly TimeSpan[] atStart;
    private readonly long started = Stopwatch.GetTimestamp();

    private ProcessorClock(IReadOnlyList<MeteredProcess> processes)
    {
        this.processes = processes;
        atStart = Read();
    }

    /// <summary>Starts reading <paramref name="processes"/> and this benchmark's own process.</summary>
    public static ProcessorClock Start(params MeteredProcess[] processes) =>
        new([.. processes.Where(p => p.Pids.Count > 0), new MeteredProcess("benchmark", [Environment.ProcessId])]);

    public CpuUse Stop()
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        var now = Read();
        return new CpuUse([.. processes.Select((p, i) => (p.Name, now[i] - atStart[i]))], elapsed);
    }

    private TimeSpan[] Read() => [.. processes.Select(p => p.Pids.Aggregate(TimeSpan.Zero, (sum, pid) => sum + ProcessCpu.TimeOf(pid)))];
}
