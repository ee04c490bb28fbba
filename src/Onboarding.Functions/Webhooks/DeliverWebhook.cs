using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Onboarding.Functions.Webhooks;

/// <summary>
/// The queue function that makes one attempt of a delivery. Success, or a refusal no retry can change (4xx other
/// than 408/429, a blocked address), ends it; a receiver's 410 also disables its subscription. Anything else puts the
/// delivery back on the queue with the schedule's next wait and one more attempt counted, until the schedule ends.
/// Each outcome is written to the subscription's delivery log. A delivery the log shows delivered is not sent again.
/// </summary>
public sealed partial class DeliverWebhook(
    WebhookSubscriptions subscriptions,
    WebhookDeliveryLog log,
    WebhookDeliveriesQueue queue,
    WebhookSender sender,
    WebhookTargetLimits limits,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<DeliverWebhook> logger)
{
    /// <summary>How long a delivery whose target is busy waits before it is taken again.</summary>
    private static readonly TimeSpan BusyTargetWait = TimeSpan.FromSeconds(2);

    [Function(nameof(DeliverWebhook))]
    public async Task Run([QueueTrigger(WebhookDeliveriesQueue.Reference)] string messageText, CancellationToken cancellationToken)
    {
        if (Parse(messageText) is not { } delivery)
        {
            await queue.SendToPoisonAsync(messageText, cancellationToken);
            LogPoisoned(queue.PoisonQueue.Name);
            return;
        }
        if (await DueSubscriptionAsync(delivery, cancellationToken) is not { } subscription)
        {
            return;
        }
        using var slot = limits.TryEnter(subscription.Url);
        if (slot is null)
        {
            await queue.SendAsync(delivery, BusyTargetWait, cancellationToken);
            return;
        }
        var attempt = await sender.SendAsync(subscription, delivery, cancellationToken);
        await ConcludeAsync(subscription, delivery, attempt, cancellationToken);
    }

    /// <summary>The enabled subscription <paramref name="delivery"/> is still to be sent to; null (and logged) when it is gone, disabled or already delivered.</summary>
    private async Task<WebhookSubscription?> DueSubscriptionAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.GetAsync(delivery.SubscriptionId, cancellationToken);
        if (subscription is not { Enabled: true })
        {
            await log.RecordAsync(delivery, WebhookDeliveryLog.Skipped, null, subscription is null ? "subscription deleted" : "subscription disabled", clock.GetUtcNow(), cancellationToken);
            LogSkipped(delivery.Id, delivery.SubscriptionId);
            return null;
        }
        if ((await log.GetAsync(delivery.SubscriptionId, delivery.Id, cancellationToken))?.Status == WebhookDeliveryLog.Delivered)
        {
            LogAlreadyDelivered(delivery.Id);
            return null;
        }
        return subscription;
    }

    private async Task ConcludeAsync(WebhookSubscription subscription, WebhookDelivery delivery, WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (attempt.Succeeded)
        {
            await log.RecordAsync(delivery, WebhookDeliveryLog.Delivered, attempt.StatusCode, null, now, cancellationToken);
            LogDelivered(delivery.Id, delivery.Attempt, attempt.StatusCode);
            return;
        }
        if (attempt.StatusCode == 410)
        {
            await subscriptions.ReplaceAsync(subscription with { Enabled = false, DisabledReason = "The receiver answered 410 Gone." }, cancellationToken);
            LogDisabled(subscription.Id);
        }
        var wait = attempt.IsRetriable ? options.Value.Schedule().After(delivery.Attempt, Random.Shared) : null;
        if (wait is { } delay)
        {
            await queue.SendAsync(delivery with { Attempt = delivery.Attempt + 1 }, delay, cancellationToken);
            await log.RecordAsync(delivery, WebhookDeliveryLog.Retrying, attempt.StatusCode, attempt.Error, now, cancellationToken);
            LogRetrying(delivery.Id, delivery.Attempt, attempt.StatusCode, attempt.Error, delay);
            return;
        }
        await log.RecordAsync(delivery, WebhookDeliveryLog.Failed, attempt.StatusCode, attempt.Error, now, cancellationToken);
        LogFailed(delivery.Id, delivery.Attempt, attempt.StatusCode, attempt.Error);
    }

    /// <summary>The delivery a message holds, or null when it holds none (no retry could change that).</summary>
    private static WebhookDelivery? Parse(string messageText)
    {
        try
        {
            return WebhookDelivery.FromMessage(messageText) is { Id.Length: > 0, SubscriptionId.Length: > 0, Type.Length: > 0, Data: not null } delivery ? delivery : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A message that is no webhook delivery was moved to {PoisonQueue} without retrying")]
    private partial void LogPoisoned(string poisonQueue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} delivered on attempt {Attempt} ({StatusCode})")]
    private partial void LogDelivered(string deliveryId, int attempt, int? statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} attempt {Attempt} failed ({StatusCode} {Error}); next attempt in {Wait}")]
    private partial void LogRetrying(string deliveryId, int attempt, int? statusCode, string? error, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} failed for good after attempt {Attempt} ({StatusCode} {Error})")]
    private partial void LogFailed(string deliveryId, int attempt, int? statusCode, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId} disabled: its receiver answered 410")]
    private partial void LogDisabled(string subscriptionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} skipped: subscription {SubscriptionId} is deleted or disabled")]
    private partial void LogSkipped(string deliveryId, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} was delivered before; not sent again")]
    private partial void LogAlreadyDelivered(string deliveryId);
}
