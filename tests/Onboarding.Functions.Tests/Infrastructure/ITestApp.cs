namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>What tests do with an app, whether it runs end to end (<see cref="OnboardingApplication"/>) or in process (<see cref="InProcessApp"/>).</summary>
public interface ITestApp : IAsyncDisposable
{
    string EventsQueueName { get; }

    HttpClient CreateClient();

    HttpClient ClientFor(string organizationId, string role = Onboarding.Functions.Auth.OnboardingRoles.OrgAdmin);

    /// <summary>Returns once the events queue is empty and nothing is in flight (a processed message is deleted last).</summary>
    Task DrainAsync(TimeSpan? timeout = null);
}
