using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost.Rpc;

namespace Onboarding.LocalFunctionsHost.Worker;

/// <summary>
/// One worker process's event stream: sends the host's messages and pairs the worker's replies with
/// them by function or invocation id (the .NET worker answers in any order).
/// </summary>
public sealed partial class WorkerSession(string workerId, WorkerLogRouter logRouter, ILogger<WorkerSession> logger)
{
    private readonly Channel<StreamingMessage> _outbound = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<WorkerInitResponse> _init = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<FunctionMetadataResponse> _metadata = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<FunctionLoadResponse>> _loads = new();
    private readonly ConcurrentDictionary<string, PendingInvocation> _invocations = new();
    private readonly TaskCompletionSource<string> _restart = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Exception? _failure;

    public string WorkerId { get; } = workerId;

    public IReadOnlyDictionary<string, string> Capabilities { get; private set; } = new Dictionary<string, string>();

    /// <summary>Completes when the worker's stream has opened with StartStream.</summary>
    public Task Connected => _connected.Task;

    public bool HasCapability(string name) => Capabilities.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value);

    public async Task RunStreamAsync(IAsyncStreamReader<StreamingMessage> reader, IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
    {
        _connected.TrySetResult();
        var writing = WriteAllAsync(writer, cancellationToken);
        try
        {
            while (await reader.MoveNext(cancellationToken))
            {
                Receive(reader.Current);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or Grpc.Core.RpcException)
        {
            StreamEnded(logger, WorkerId, exception.Message);
        }
        finally
        {
            Fail(new WorkerUnavailableException("The worker's stream closed."));
            _outbound.Writer.TryComplete();
            await writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async Task<WorkerInitResponse> InitializeAsync(WorkerInitRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Send(new StreamingMessage { WorkerInitRequest = request });
        var response = await _init.Task.WaitAsync(timeout, cancellationToken);
        Capabilities = response.Capabilities.ToDictionary(pair => pair.Key, pair => pair.Value);
        return response;
    }

    public Task<FunctionMetadataResponse> RequestMetadataAsync(string appDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Send(new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory } });
        return _metadata.Task.WaitAsync(timeout, cancellationToken);
    }

    public Task<FunctionLoadResponse> LoadAsync(FunctionLoadRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pending = _loads.GetOrAdd(request.FunctionId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        ThrowIfFailed();
        Send(new StreamingMessage { FunctionLoadRequest = request });
        return pending.Task.WaitAsync(timeout, cancellationToken);
    }

    /// <summary>
    /// Sends the invocation and waits for its response. <paramref name="cancel"/> does not abandon the wait: it sends
    /// InvocationCancel (when the worker handles it) and the worker still answers, as the Functions host does on a client
    /// disconnect or a timeout. Only <paramref name="abandon"/> (and a worker failure) ends the wait early.
    /// </summary>
    public async Task<InvocationResponse> InvokeAsync(string functionName, InvocationRequest request, CancellationToken cancel, CancellationToken abandon)
    {
        var pending = new PendingInvocation(functionName, new(TaskCreationOptions.RunContinuationsAsynchronously));
        _invocations[request.InvocationId] = pending;
        try
        {
            ThrowIfFailed();
            Send(new StreamingMessage { InvocationRequest = request });
            using var cancellation = HasCapability("HandlesInvocationCancelMessage")
                ? cancel.Register(() => TrySendCancel(request.InvocationId))
                : default;
            return await pending.Response.Task.WaitAsync(abandon);
        }
        finally
        {
            _invocations.TryRemove(request.InvocationId, out _);
        }
    }

    /// <summary>Completes when something asked for this worker to be replaced (a function timeout), with the reason.</summary>
    public Task<string> RestartRequested => _restart.Task;

    /// <summary>Asks the supervisor to replace this worker, as the Functions host restarts the worker of a timed-out invocation.</summary>
    public void RequestRestart(string reason) => _restart.TrySetResult(reason);

    private void TrySendCancel(string invocationId)
    {
        if (!_invocations.ContainsKey(invocationId))
        {
            return;
        }
        try
        {
            Send(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = invocationId } });
            InvocationCancelSent(logger, invocationId);
        }
        catch (WorkerUnavailableException)
        {
            // The worker is gone: the invocation fails with it.
        }
    }

    public void Terminate(TimeSpan gracePeriod) =>
        Send(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(gracePeriod) } });

    /// <summary>Fails everything still waiting on this worker: its in-flight invocations fail as the real host fails them.</summary>
    public void Fail(Exception failure)
    {
        _failure ??= failure;
        _connected.TrySetException(failure);
        _init.TrySetException(failure);
        _metadata.TrySetException(failure);
        foreach (var load in _loads.Values)
        {
            load.TrySetException(failure);
        }
        foreach (var invocation in _invocations.Values)
        {
            invocation.Response.TrySetException(failure);
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw new WorkerUnavailableException(failure.Message);
        }
    }

    private void Send(StreamingMessage message)
    {
        ThrowIfFailed();
        if (!_outbound.Writer.TryWrite(message))
        {
            throw new WorkerUnavailableException("The worker's stream is closed.");
        }
    }

    private async Task WriteAllAsync(IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _outbound.Reader.ReadAllAsync(cancellationToken))
            {
                await writer.WriteAsync(message, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException or Grpc.Core.RpcException)
        {
            Fail(new WorkerUnavailableException("Writing to the worker's stream failed: " + exception.Message));
        }
    }

    private void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                _init.TrySetResult(message.WorkerInitResponse);
                break;
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                _metadata.TrySetResult(message.FunctionMetadataResponse);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                _loads.GetOrAdd(message.FunctionLoadResponse.FunctionId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously))
                    .TrySetResult(message.FunctionLoadResponse);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                if (_invocations.TryGetValue(message.InvocationResponse.InvocationId, out var invocation))
                {
                    invocation.Response.TrySetResult(message.InvocationResponse);
                }
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                var functionName = _invocations.TryGetValue(message.RpcLog.InvocationId, out var owner) ? owner.FunctionName : null;
                logRouter.Write(message.RpcLog, functionName);
                break;
            default:
                // Content-less replies (to WorkerTerminate, InvocationCancel) and messages we do not use are ignored.
                break;
        }
    }

    private sealed record PendingInvocation(string FunctionName, TaskCompletionSource<InvocationResponse> Response);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent InvocationCancel for invocation {InvocationId}")]
    private static partial void InvocationCancelSent(ILogger logger, string invocationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The stream of worker {WorkerId} ended: {Reason}")]
    private static partial void StreamEnded(ILogger logger, string workerId, string reason);
}
