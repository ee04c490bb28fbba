namespace Onboarding.Functions.Hosting;

/// <summary>One invocation of a queue or timer function; its log lines go back to the host.</summary>
public sealed class FunctionInvocationContext(string functionName, string invocationId)
{
    private readonly List<string> logs = [];

    public string FunctionName { get; } = functionName;

    public string InvocationId { get; } = invocationId;

    public IReadOnlyList<string> Logs => logs;

    /// <summary>Adds a line to the invocation's <c>Logs</c>, which the host writes to its own log.</summary>
    public void Log(string line)
    {
        lock (logs)
        {
            logs.Add(line);
        }
    }
}
