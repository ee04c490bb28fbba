using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Onboarding.Benchmarks;

/// <summary>
/// The real function app as its own process (<c>dotnet Onboarding.Functions.dll</c>) in standalone
/// mode, its output in a log file. Disposing kills it.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process process;

    private AppProcess(Process process, int port, string logPath)
    {
        this.process = process;
        Port = port;
        LogPath = logPath;
    }

    public int Port { get; }

    public string LogPath { get; }

    public bool HasExited => process.HasExited;

    public static AppProcess Start(string appAssembly, IReadOnlyDictionary<string, string> settings, string logPath)
    {
        var port = FreePort();
        // The shell redirects the app's output straight to the file, so this process does not relay it.
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", "exec dotnet \"$1\" >\"$2\" 2>&1", "sh", appAssembly, logPath },
            WorkingDirectory = Path.GetDirectoryName(appAssembly)!,
            UseShellExecute = false,
        };
        // Standalone mode: no Functions host, so the app drives its own queue trigger.
        start.Environment.Remove("FUNCTIONS_CUSTOMHANDLER_PORT");
        start.Environment["ONBOARDING_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var app = new AppProcess(process, port, logPath);
        // Also when the benchmark itself is stopped (Ctrl-C, SIGTERM): no app is left behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => app.Kill();
        return app;
    }

    /// <summary>Waits for <c>/api/health</c> to answer 200 and returns the timestamp it did.</summary>
    public async Task<long> WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var health = new Uri($"http://127.0.0.1:{Port}/api/health");
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode}; its output: {LogPath}");
            }
            try
            {
                using var response = await Http.GetAsync(health);
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
        throw new TimeoutException($"The app did not become healthy within {timeout}; its output: {LogPath}");
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await process.WaitForExitAsync();
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
