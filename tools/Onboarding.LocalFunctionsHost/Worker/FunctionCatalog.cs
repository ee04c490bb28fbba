using Onboarding.LocalFunctionsHost.Metadata;

namespace Onboarding.LocalFunctionsHost.Worker;

/// <summary>A function the running worker has loaded (or failed to load: then every invocation fails at once).</summary>
public sealed record LoadedFunction(FunctionDefinition Definition, string? LoadError);

/// <summary>A function together with the worker session that serves it now.</summary>
public sealed record ActiveFunction(WorkerSession Session, FunctionDefinition Definition, string? LoadError);

/// <summary>
/// The functions the app has, known once the first worker has loaded them, and the worker serving
/// them now (none while it starts or restarts).
/// </summary>
public sealed class FunctionCatalog
{
    private readonly object _gate = new();
    private readonly TaskCompletionSource<IReadOnlyList<FunctionDefinition>> _known = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _activated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ActiveWorker? _active;

    /// <summary>The app's functions as the first worker reported them; triggers and routes are built from these.</summary>
    public Task<IReadOnlyList<FunctionDefinition>> FunctionsKnown => _known.Task;

    public IReadOnlyList<FunctionDefinition>? Functions => _known.Task.IsCompletedSuccessfully ? _known.Task.Result : null;

    public bool IsReady => _active is not null;

    public void Activate(WorkerSession session, IReadOnlyList<LoadedFunction> functions)
    {
        lock (_gate)
        {
            _active = new ActiveWorker(session, functions.ToDictionary(function => function.Definition.Name, StringComparer.OrdinalIgnoreCase));
            _activated.TrySetResult();
        }
        _known.TrySetResult(functions.Select(function => function.Definition).ToList());
    }

    public void Deactivate(WorkerSession session)
    {
        lock (_gate)
        {
            if (_active?.Session == session)
            {
                _active = null;
                _activated = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public bool TryGetActive(string name, out ActiveFunction? function)
    {
        var active = _active;
        function = active is not null && active.Functions.TryGetValue(name, out var loaded)
            ? new ActiveFunction(active.Session, loaded.Definition, loaded.LoadError)
            : null;
        return function is not null;
    }

    /// <summary>Waits until a worker serves the function (used by queue and timer triggers, which wait out a restart).</summary>
    public async Task<ActiveFunction> WaitForActiveAsync(string name, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task activated;
            lock (_gate)
            {
                if (TryGetActive(name, out var function))
                {
                    return function!;
                }
                if (_active is not null)
                {
                    throw new InvalidOperationException($"The worker has no function '{name}'.");
                }
                activated = _activated.Task;
            }
            await activated.WaitAsync(cancellationToken);
        }
    }

    private sealed record ActiveWorker(WorkerSession Session, IReadOnlyDictionary<string, LoadedFunction> Functions);
}
