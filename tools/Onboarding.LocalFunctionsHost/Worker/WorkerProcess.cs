using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Onboarding.LocalFunctionsHost.Worker;

/// <summary>A started worker process whose output goes to the host's log, as the Functions host logs it.</summary>
public sealed partial class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ILogger _console;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process, ILogger console)
    {
        _process = process;
        _console = console;
    }

    public int Id => _process.Id;

    /// <summary>Completes with the exit code once the process and its output have ended.</summary>
    public Task<int> Exited => _exited.Task;

    public static WorkerProcess Start(ProcessStartInfo startInfo, ILoggerFactory loggerFactory)
    {
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process, loggerFactory.CreateLogger("Host.Function.Console"));
        process.OutputDataReceived += (_, line) => worker.OnOutput(line.Data);
        process.ErrorDataReceived += (_, line) => worker.OnError(line.Data);
        process.Exited += (_, _) => worker.OnExited();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void OnExited()
    {
        // WaitForExit() without a timeout also waits for the redirected output to be read to its end.
        _process.WaitForExit();
        _exited.TrySetResult(_process.ExitCode);
    }

    private void OnOutput(string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return;
        }
        const string ConsolePrefix = "LanguageWorkerConsoleLog";
        WorkerOutput(_console, line.StartsWith(ConsolePrefix, StringComparison.Ordinal) ? line[ConsolePrefix.Length..] : line);
    }

    private void OnError(string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return;
        }
        if (line.Contains("warn", StringComparison.OrdinalIgnoreCase))
        {
            WorkerErrorOutput(_console, LogLevel.Warning, line);
        }
        else if (line.Contains("error", StringComparison.OrdinalIgnoreCase) || line.Contains("fail", StringComparison.OrdinalIgnoreCase) ||
                 line.Contains("severe", StringComparison.OrdinalIgnoreCase) || line.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase))
        {
            WorkerErrorOutput(_console, LogLevel.Error, line);
        }
        else
        {
            WorkerErrorOutput(_console, LogLevel.Information, line);
        }
    }

    public void Dispose() => _process.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void WorkerOutput(ILogger logger, string line);

    [LoggerMessage(Message = "{Line}")]
    private static partial void WorkerErrorOutput(ILogger logger, LogLevel level, string line);
}
