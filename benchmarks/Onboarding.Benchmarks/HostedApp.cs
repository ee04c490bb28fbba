using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Onboarding.Benchmarks;

/// <summary>
/// An isolated-worker app run by the local Functions host (<c>tools/Onboarding.LocalFunctionsHost</c>)
/// as its own process: <c>dotnet Onboarding.LocalFunctionsHost.dll &lt;app folder&gt; --port &lt;free port&gt;</c>,
/// the app settings in its environment (the host passes them on to the worker it starts), the host's
/// and the worker's output in one log file. Disposing kills the host and its worker.
/// </summary>
public sealed class HostedApp : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process process;
    private readonly EventHandler killOnExit;

    private HostedApp(Process process, long launched, int port, string logPath)
    {
        this.process = process;
        Launched = launched;
        Port = port;
        LogPath = logPath;
        killOnExit = (_, _) => Kill();
        // Also when the benchmark itself is stopped (Ctrl-C, SIGTERM): no host or worker is left behind.
        AppDomain.CurrentDomain.ProcessExit += killOnExit;
    }

    /// <summary>The <see cref="Stopwatch"/> timestamp taken just before the host process was started.</summary>
    public long Launched { get; }

    public int Port { get; }

    public string LogPath { get; }

    /// <summary>The host process (the shell execs it, so it keeps the pid the benchmark started).</summary>
    public int HostProcessId => process.Id;

    /// <summary>The app's worker assembly, which names its process.</summary>
    public const string AppWorker = "Onboarding.Functions.dll";

    /// <summary>The worker process the host started: its child whose command line names <paramref name="assembly"/>.</summary>
    public int WorkerProcessId(string assembly = AppWorker) =>
        ProcessCpu.ChildOf(process.Id, assembly) is var worker and > 0
            ? worker
            : throw new InvalidOperationException($"No worker process running {assembly} under the host (pid {process.Id}); its output: {LogPath}");

    /// <summary>The processor time (user and system) the host and its worker have used so far, read from /proc.</summary>
    public (TimeSpan Host, TimeSpan Worker) ProcessorTime() =>
        (ProcessCpu.TimeOf(process.Id), ProcessCpu.ChildOf(process.Id) is var worker and > 0 ? ProcessCpu.TimeOf(worker) : TimeSpan.Zero);

    /// <summary>The host and its worker, to read their processor time over a phase.</summary>
    public MeteredProcess[] Processes(string workerAssembly = AppWorker) => [new("local host", [process.Id]), new("worker", [WorkerProcessId(workerAssembly)])];

    public bool HasExited => process.HasExited;

    /// <param name="settings">App settings; each start also gets its own <c>AzureFunctionsWebHost__hostid</c>, so timer status blobs never carry over.</param>
    public static HostedApp Start(string hostAssembly, string appDirectory, IReadOnlyDictionary<string, string> settings, string logPath)
    {
        var port = FreePort();
        // The shell redirects the output straight to the file, so this process does not relay it;
        // exec keeps the host's pid, and the worker the host starts is its child.
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList =
            {
                "-c", "exec dotnet \"$1\" \"$2\" --port \"$3\" >\"$4\" 2>&1", "sh",
                hostAssembly, appDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture), logPath,
            },
            WorkingDirectory = appDirectory,
            UseShellExecute = false,
        };
        // Up to 32 characters of lower-case letters, digits and dashes, as the Functions host requires.
        start.Environment["AzureFunctionsWebHost__hostid"] = "bench-" + Guid.NewGuid().ToString("N")[..20];
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }
        var launched = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local Functions host.");
        return new HostedApp(process, launched, port, logPath);
    }

    /// <summary>
    /// Polls <paramref name="path"/> through the host until it answers 200 and returns the timestamp
    /// it did. Before that the host refuses the connection (not listening yet); once listening it holds
    /// a request until its worker is ready (up to 30 s, then 503).
    /// </summary>
    public async Task<long> WaitUntilOkAsync(string path, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var uri = new Uri($"http://127.0.0.1:{Port}{path}");
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The local Functions host exited with code {process.ExitCode}; its output: {LogPath}");
            }
            try
            {
                using var response = await Http.GetAsync(uri);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return Stopwatch.GetTimestamp();
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy to answer within the client's timeout.
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"{uri} did not answer 200 within {timeout}; the host's output: {LogPath}");
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await process.WaitForExitAsync();
        AppDomain.CurrentDomain.ProcessExit -= killOnExit;
        process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
