namespace Onboarding.LocalFunctionsHost.Tests.Infrastructure;

/// <summary>One running host shared by the tests of a class that only send HTTP requests.</summary>
public sealed class SharedHost : IAsyncLifetime
{
    private RunningHost? _host;

    public RunningHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _host = await RunningHost.StartAsync();
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
