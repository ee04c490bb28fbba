using Azure.Storage.Queues;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Webhooks;

/// <summary>
/// The queue deliveries wait in (app setting <c>WEBHOOK_DELIVERIES_QUEUE</c>, default <c>webhook-deliveries</c>): a
/// delivery to retry later goes back with the wait as its visibility delay, so no instance holds it meanwhile.
/// </summary>
public sealed class WebhookDeliveriesQueue(QueueServiceClient queues, IConfiguration configuration) : TriggerQueue(queues, configuration, Setting, DefaultName)
{
    public const string Setting = "WEBHOOK_DELIVERIES_QUEUE";
    public const string Reference = "%" + Setting + "%";
    public const string DefaultName = "webhook-deliveries";

    /// <summary>The longest visibility delay the queue service takes (7 days).</summary>
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    public Task SendAsync(WebhookDelivery delivery, TimeSpan delay, CancellationToken cancellationToken) =>
        Queue.SendCreatingAsync(delivery.ToMessage(), delay <= TimeSpan.Zero ? null : delay > MaxDelay ? MaxDelay : delay, null, cancellationToken);
}
