using Onboarding.LocalFunctionsHost.Rpc;

namespace Onboarding.LocalFunctionsHost.Invocation;

/// <summary>What one invocation sends: its trigger value(s), trigger metadata, and why it runs (for the log).</summary>
public sealed record InvocationInput(
    string InvocationId,
    string Reason,
    IReadOnlyList<ParameterBinding> InputData,
    IReadOnlyDictionary<string, TypedData> TriggerMetadata)
{
    public static string NewInvocationId() => Guid.NewGuid().ToString();
}

/// <summary>How an invocation ended; <see cref="Error"/> is for the log only, never for HTTP clients.</summary>
public sealed record InvocationResult(bool Succeeded, string? Error, InvocationResponse? Response)
{
    public static InvocationResult Failed(string error) => new(false, error, null);
}
