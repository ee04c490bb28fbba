using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost.Configuration;
using Onboarding.LocalFunctionsHost.Lifecycle;
using Onboarding.LocalFunctionsHost.Metadata;
using Onboarding.LocalFunctionsHost.Rpc;

namespace Onboarding.LocalFunctionsHost.Worker;

/// <summary>
/// Starts the worker, takes it through StartStream, init, metadata and loads, restarts it with
/// back-off when it dies (or when a function timeout asks for a new one), and, when the host stops, waits for the
/// work in flight to drain before it sends WorkerTerminate.
/// </summary>
public sealed partial class WorkerSupervisor(
    HostStartupOptions startup,
    AppSettings settings,
    WorkerConfig workerConfig,
    GrpcListener grpcListener,
    WorkerSessions sessions,
    FunctionCatalog catalog,
    WorkerLogRouter logRouter,
    HostDrain drain,
    TimeProvider timeProvider,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggerFactory,
    ILogger<WorkerSupervisor> logger) : BackgroundService
{
    public const string HostVersion = "4.0.0-local";
    private static readonly TimeSpan StartStreamTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan TerminateGracePeriod = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstRestartDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(10);

    private volatile WorkerProcess? _current;

    /// <summary>The running worker process's id, or null between restarts.</summary>
    public int? WorkerProcessId => _current?.Id;

    protected override async Task ExecuteAsync(CancellationToken hostStopping)
    {
        // Kestrel stops before this service and waits for the worker's stream: the worker must go as soon as stopping begins.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, lifetime.ApplicationStopping);
        var stoppingToken = stopping.Token;
        var grpcUri = await grpcListener.Uri.WaitAsync(stoppingToken);
        var consecutiveFailures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var becameReady = await RunWorkerAsync(grpcUri, stoppingToken);
            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            consecutiveFailures = becameReady ? 1 : consecutiveFailures + 1;
            var delay = TimeSpan.FromTicks(Math.Min(MaxRestartDelay.Ticks, FirstRestartDelay.Ticks << Math.Min(consecutiveFailures - 1, 10)));
            RestartingWorker(logger, delay.TotalSeconds, consecutiveFailures);
            try
            {
                await Task.Delay(delay, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<bool> RunWorkerAsync(Uri grpcUri, CancellationToken stoppingToken)
    {
        var appDirectory = Path.GetFullPath(startup.AppDirectory);
        var session = new WorkerSession(Guid.NewGuid().ToString(), logRouter, loggerFactory.CreateLogger<WorkerSession>());
        sessions.Add(session);
        var process = WorkerProcess.Start(WorkerCommandLine.Create(appDirectory, workerConfig, grpcUri, session.WorkerId, settings), loggerFactory);
        _current = process;
        WorkerStarted(logger, process.Id, session.WorkerId);
        _ = process.Exited.ContinueWith(
            exited => session.Fail(new WorkerUnavailableException($"The worker process exited with code {exited.Result}.")),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var becameReady = false;
        try
        {
            try
            {
                await StartFunctionsAsync(session, appDirectory, stoppingToken);
                becameReady = true;
                var ended = await Task.WhenAny(process.Exited, session.RestartRequested).WaitAsync(stoppingToken);
                if (ended == session.RestartRequested)
                {
                    RestartRequested(logger, process.Id, await session.RestartRequested);
                    process.Kill();
                }
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                await DrainAndStopAsync(session, process, becameReady);
                return becameReady;
            }
            catch (Exception exception) when (!becameReady)
            {
                WorkerStartFailed(logger, exception, process.Id);
                process.Kill();
            }
            var exitCode = await process.Exited;
            WorkerExited(logger, process.Id, exitCode);
            return becameReady;
        }
        finally
        {
            _current = null;
            catalog.Deactivate(session);
            session.Fail(new WorkerUnavailableException("The worker process has exited."));
            sessions.Remove(session);
            process.Dispose();
        }
    }

    private async Task StartFunctionsAsync(WorkerSession session, string appDirectory, CancellationToken cancellationToken)
    {
        await session.Connected.WaitAsync(StartStreamTimeout, cancellationToken);
        var init = await session.InitializeAsync(
            new WorkerInitRequest { HostVersion = HostVersion, WorkerDirectory = appDirectory, FunctionAppDirectory = appDirectory },
            ResponseTimeout, cancellationToken);
        if (init.Result?.Status != StatusResult.Types.Status.Success)
        {
            throw new WorkerUnavailableException("The worker refused WorkerInitRequest: " + init.Result?.Exception?.Message);
        }
        WorkerInitialized(logger, session.WorkerId, string.Join(", ", session.Capabilities.Keys.Order()));
        var functions = await IndexFunctionsAsync(session, appDirectory, cancellationToken);
        var loads = functions.Select(async function =>
        {
            var response = await session.LoadAsync(FunctionLoadRequestFactory.Create(function), ResponseTimeout, cancellationToken);
            var error = response.Result?.Status == StatusResult.Types.Status.Success ? null : response.Result?.Exception?.Message ?? "unknown error";
            if (error is not null)
            {
                FunctionLoadFailed(logger, function.Name, error);
            }
            return new LoadedFunction(function, error);
        });
        var loaded = await Task.WhenAll(loads);
        catalog.Activate(session, loaded);
        WorkerReady(logger, session.WorkerId, loaded.Length, string.Join(", ", loaded.Select(function => function.Definition.Name)));
    }

    private async Task<IReadOnlyList<FunctionDefinition>> IndexFunctionsAsync(WorkerSession session, string appDirectory, CancellationToken cancellationToken)
    {
        IReadOnlyList<FunctionDefinition> functions;
        if (workerConfig.WorkerIndexing)
        {
            var response = await session.RequestMetadataAsync(appDirectory, ResponseTimeout, cancellationToken);
            if (response.UseDefaultMetadataIndexing)
            {
                functions = FunctionsMetadataFile.Read(appDirectory, Dropped);
                FunctionsIndexed(logger, "functions.metadata (the worker asked for default indexing)");
            }
            else if (response.Result?.Status != StatusResult.Types.Status.Success)
            {
                throw new WorkerUnavailableException("The worker could not index its functions: " + response.Result?.Exception?.Message);
            }
            else
            {
                functions = response.FunctionMetadataResults
                    .Where(metadata => metadata.Status is null || metadata.Status.Status == StatusResult.Types.Status.Success || Dropped(metadata.Name, metadata.Status.Exception?.Message ?? "indexing failed"))
                    .Select(metadata => TryRead(metadata.Name, () => WorkerIndexedFunction.From(metadata)))
                    .OfType<FunctionDefinition>()
                    .ToList();
                FunctionsIndexed(logger, "the worker (FunctionsMetadataRequest)");
            }
        }
        else
        {
            functions = FunctionsMetadataFile.Read(appDirectory, Dropped);
            FunctionsIndexed(logger, "functions.metadata (worker indexing is off)");
        }
        var runtime = settings.Get("FUNCTIONS_WORKER_RUNTIME") ?? workerConfig.Language;
        return functions
            .Where(function => FunctionValidation.FindProblem(function) is not { } problem || Dropped(function.Name, problem))
            .Select(function => function with { Language = runtime })
            .ToList();
    }

    // A function whose bindings cannot be read is left out, as the host drops a function that fails its validation.
    private FunctionDefinition? TryRead(string functionName, Func<FunctionDefinition> read)
    {
        try
        {
            return read();
        }
        catch (Exception exception) when (FunctionsMetadataFile.IsUnreadable(exception))
        {
            Dropped(functionName, exception.Message);
            return null;
        }
    }

    private bool Dropped(string functionName, string reason)
    {
        FunctionDropped(logger, functionName, reason);
        return false;
    }

    private async Task DrainAndStopAsync(WorkerSession session, WorkerProcess process, bool becameReady)
    {
        if (!becameReady)
        {
            // No worker will serve the work that waits for one: nothing can drain.
            drain.GiveUp();
        }
        else if (drain.InFlight > 0)
        {
            Draining(logger, drain.InFlight, drain.Timeout.TotalSeconds);
            if (await drain.DrainAsync())
            {
                Drained(logger);
            }
            else
            {
                DrainTimedOut(logger, drain.InFlight);
            }
        }
        await StopAsync(session, process);
    }

    private async Task StopAsync(WorkerSession session, WorkerProcess process)
    {
        if (process.Exited.IsCompleted)
        {
            return;
        }
        if (session.HasCapability("HandlesWorkerTerminateMessage"))
        {
            try
            {
                session.Terminate(TerminateGracePeriod);
                await process.Exited.WaitAsync(TerminateGracePeriod);
                WorkerStopped(logger, process.Id);
                return;
            }
            catch (Exception exception) when (exception is TimeoutException or WorkerUnavailableException)
            {
                // Not gone within the grace period (or the stream is already closed): killed below.
            }
        }
        process.Kill();
        WorkerKilled(logger, process.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started worker process {ProcessId} (worker id {WorkerId})")]
    private static partial void WorkerStarted(ILogger logger, int processId, string workerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} initialized; capabilities: {Capabilities}")]
    private static partial void WorkerInitialized(ILogger logger, string workerId, string capabilities);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} ready: {Count} functions loaded ({Functions})")]
    private static partial void WorkerReady(ILogger logger, string workerId, int count, string functions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Functions indexed from {Source}")]
    private static partial void FunctionsIndexed(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {FunctionName} is left out: {Reason}")]
    private static partial void FunctionDropped(ILogger logger, string functionName, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The worker could not load function {FunctionName}: {Error}")]
    private static partial void FunctionLoadFailed(ILogger logger, string functionName, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker process {ProcessId} did not start its functions")]
    private static partial void WorkerStartFailed(ILogger logger, Exception exception, int processId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker process {ProcessId} exited with code {ExitCode}; its in-flight invocations fail")]
    private static partial void WorkerExited(ILogger logger, int processId, int exitCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Restarting the worker in {DelaySeconds} s (consecutive failures: {Failures})")]
    private static partial void RestartingWorker(ILogger logger, double delaySeconds, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replacing worker process {ProcessId}: {Reason}")]
    private static partial void RestartRequested(ILogger logger, int processId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining: waiting up to {TimeoutSeconds} s for {InFlight} listeners and invocations in flight")]
    private static partial void Draining(ILogger logger, int inFlight, double timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drained: no work in flight")]
    private static partial void Drained(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The drain timed out with {InFlight} listeners and invocations in flight; they were sent InvocationCancel and the worker stops")]
    private static partial void DrainTimedOut(ILogger logger, int inFlight);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker process {ProcessId} exited after WorkerTerminate")]
    private static partial void WorkerStopped(ILogger logger, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker process {ProcessId} was killed")]
    private static partial void WorkerKilled(ILogger logger, int processId);
}
