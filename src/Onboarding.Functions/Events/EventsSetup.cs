using Onboarding.Functions.Hosting;

namespace Onboarding.Functions.Events;

public static class EventsSetup
{
    /// <summary>Event ingestion (the queue function), its queue, and the tracking endpoint's rate limit.</summary>
    public static IServiceCollection AddOnboardingEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<EventsQueue>();
        services.AddSingleton<EventIngestion>();
        services.AddQueueFunction<IngestOnboardingEvents>(EventsQueue.Reference);
        services.AddTrackingRateLimit(configuration);
        return services;
    }
}
