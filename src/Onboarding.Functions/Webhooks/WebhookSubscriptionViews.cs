namespace Onboarding.Functions.Webhooks;

/// <summary>A subscription as the API shows it: never its secrets.</summary>
public sealed record WebhookSubscriptionView(
    string Id, string Url, IReadOnlyList<string> Types, string? OrganizationId, bool Enabled, string? DisabledReason,
    DateTimeOffset CreatedAt, DateTimeOffset? PreviousSecretExpiresAt)
{
    public static WebhookSubscriptionView From(WebhookSubscription s) =>
        new(s.Id, s.Url, s.Types, s.OrganizationId, s.Enabled, s.DisabledReason, s.CreatedAt, s.PreviousSecretExpiresAt);
}

/// <summary>The answer to a creation or a rotation: the secret, shown this once.</summary>
public sealed record WebhookSecretView(WebhookSubscriptionView Subscription, string Secret);

public sealed record WebhookSubscriptionsView(IReadOnlyList<WebhookSubscriptionView> Subscriptions);

public sealed record WebhookDeliveriesView(string SubscriptionId, IReadOnlyList<WebhookDeliveryRecord> Deliveries);

/// <summary>The body of a creation or a replacement.</summary>
public sealed record WebhookSubscriptionRequest(string Url, IReadOnlyList<string> Types, string? OrganizationId, bool Enabled = true);
