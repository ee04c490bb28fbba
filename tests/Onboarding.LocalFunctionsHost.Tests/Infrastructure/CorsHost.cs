namespace Onboarding.LocalFunctionsHost.Tests.Infrastructure;

/// <summary>A host whose local.settings.json allows the usual local frontend origins, as the sample does.</summary>
public sealed class CorsHost : IAsyncLifetime
{
    private RunningHost? _host;

    public RunningHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _host = await RunningHost.StartAsync(hostSection: """{"CORS":"http://localhost:5173, http://127.0.0.1:5173"}""");
        await _host.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
