namespace Onboarding.LocalFunctionsHost.Worker;

/// <summary>The worker process exited, its stream closed, or it did not answer in time.</summary>
public sealed class WorkerUnavailableException(string message) : Exception(message);
