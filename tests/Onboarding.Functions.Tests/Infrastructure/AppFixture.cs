
namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>One running app shared by a test class; each test uses its own organization id.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public OnboardingApplication App { get; } = new();

    public Task InitializeAsync() => App.StartedAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}
