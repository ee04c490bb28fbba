using Onboarding.Functions.Storage;
namespace Onboarding.Functions.Events;

public static class EventsSetup
{
    /// <summary>Event ingestion, its queue, and the tracking endpoint's rate limit.</summary>
    public static IServiceCollection AddOnboardingEvents(this IServiceCollection services)
    {
        services.AddSingleton<EventsQueue>();
        services.AddSingleton<ITriggerQueue>(provider => provider.GetRequiredService<EventsQueue>());
        services.AddSingleton<EventIngestion>();
        services.AddSingleton<TrackingRateLimit>();
        services.AddSingleton<BrowserEvents>();
        return services;
    }
}
