using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Webhooks;

public static class WebhooksSetup
{
    /// <summary>Subscriptions, the outbox that follows every projection, the delivery function's parts.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section);
        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<WebhookDeliveriesQueue>();
        services.AddSingleton<ITriggerQueue>(provider => provider.GetRequiredService<WebhookDeliveriesQueue>());
        services.AddSingleton<WebhookDeliveryLog>();
        services.AddSingleton<StallNotices>();
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<ICommittedEventsObserver>(provider => provider.GetRequiredService<WebhookOutbox>());
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookTargetLimits>();
        services.AddSingleton<WebhookSubscriptionRequests>();
        return services;
    }
}
