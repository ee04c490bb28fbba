using Onboarding.Domain.Events;
using Onboarding.Domain.Webhooks;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.Webhooks;

/// <summary>
/// Turns committed milestone events into deliveries, one per subscription that wants them. It runs after the daily
/// projection on every path that projects, so a milestone whose commit survived a crash is queued when the events
/// are projected again (by a redelivered message or the pending-projection sweep); the delivery id is the same then.
/// </summary>
public sealed partial class WebhookOutbox(WebhookSubscriptions subscriptions, WebhookDeliveriesQueue queue, ILogger<WebhookOutbox> logger)
    : ICommittedEventsObserver
{
    public async Task ObserveAsync(IReadOnlyCollection<OnboardingEvent> events, CancellationToken cancellationToken)
    {
        var milestones = events.Select(WebhookMilestones.From).OfType<WebhookMilestone>().ToList();
        if (milestones.Count > 0)
        {
            await PublishAsync(milestones, cancellationToken);
        }
    }

    /// <summary>Queues a delivery of each milestone to each enabled subscription that wants it.</summary>
    public async Task PublishAsync(IReadOnlyList<WebhookMilestone> milestones, CancellationToken cancellationToken)
    {
        var enabled = await subscriptions.EnabledAsync(cancellationToken);
        foreach (var milestone in milestones)
        {
            foreach (var subscription in enabled.Where(s => s.Wants(milestone.Type, milestone.OrganizationId)))
            {
                var delivery = WebhookDelivery.For(subscription, milestone);
                await queue.SendAsync(delivery, TimeSpan.Zero, cancellationToken);
                LogQueued(delivery.Id, delivery.Type, subscription.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} ({Type}) queued for subscription {SubscriptionId}")]
    private partial void LogQueued(string deliveryId, string type, string subscriptionId);
}
