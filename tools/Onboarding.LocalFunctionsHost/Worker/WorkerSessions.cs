using System.Collections.Concurrent;

namespace Onboarding.LocalFunctionsHost.Worker;

/// <summary>The worker sessions waiting for or holding a stream, by worker id (the host ignores streams of unknown workers).</summary>
public sealed class WorkerSessions
{
    private readonly ConcurrentDictionary<string, WorkerSession> _sessions = new();

    public void Add(WorkerSession session) => _sessions[session.WorkerId] = session;

    public void Remove(WorkerSession session) => _sessions.TryRemove(session.WorkerId, out _);

    public WorkerSession? Find(string workerId) => _sessions.TryGetValue(workerId, out var session) ? session : null;
}
