using Onboarding.Domain.Webhooks;

namespace Onboarding.Functions.Webhooks;

/// <summary>Webhook delivery settings (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Development only: lets subscriptions target http and loopback receivers. Never in Azure.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>How long a receiver may take to answer before the attempt counts as failed.</summary>
    public int RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>Attempts in flight per target host and instance; more wait in the queue, so a slow receiver holds up no other.</summary>
    public int MaxConcurrentPerTarget { get; set; } = 4;

    /// <summary>How long a new subscription or a change may take to reach every instance's cache.</summary>
    public int SubscriptionCacheSeconds { get; set; } = 30;

    /// <summary>How long a wizard may be in progress before <c>onboarding.stalled</c> is published for it.</summary>
    public int StallAfterHours { get; set; } = 48;

    /// <summary>How long the previous secret still signs after a rotation.</summary>
    public int SecretOverlapHours { get; set; } = 24;

    /// <summary>Waits between attempts (comma-separated TimeSpans); empty: the default schedule (5 s … 10 h, about 27.5 h in all).</summary>
    public string? RetryDelays { get; set; }

    public WebhookRetrySchedule Schedule() => string.IsNullOrWhiteSpace(RetryDelays)
        ? WebhookRetrySchedule.Default
        : new([.. RetryDelays.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(d => TimeSpan.Parse(d, System.Globalization.CultureInfo.InvariantCulture))]);
}
