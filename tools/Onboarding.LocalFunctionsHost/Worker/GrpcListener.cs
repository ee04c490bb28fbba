namespace Onboarding.LocalFunctionsHost.Worker;

/// <summary>The loopback h2c port the worker dials; known once Kestrel has bound it.</summary>
public sealed class GrpcListener
{
    private readonly TaskCompletionSource<Uri> _uri = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Port { get; private set; } = -1;

    public Task<Uri> Uri => _uri.Task;

    public void Bound(int port)
    {
        Port = port;
        _uri.TrySetResult(new Uri($"http://127.0.0.1:{port}/"));
    }
}
