using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Events;

/// <summary>
/// A test class whose every test gets its own app (local host and worker process), with its own events and poison
/// queues, so assertions about what is (not) on a queue never see another test's messages.
/// </summary>
public abstract class IngestionAppTest : IAsyncLifetime
{
    protected OnboardingApplication App { get; } = IngestionApp.Create().WithSetting("Tracking:RequestsPerMinute", "1000");

    public Task InitializeAsync() => App.StartedAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}
