namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>The settings every app under test starts with: the tests' Azurite and token issuer, its own queue, timers that never fire on their own.</summary>
public static class TestSettings
{
    /// <summary>Once a year: timer functions run when a test asks, not on their own.</summary>
    public const string Never = "0 0 0 1 1 *";

    public static Dictionary<string, string?> Defaults() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["AzureWebJobsStorage"] = TestStorage.ConnectionString,
        ["Auth:Issuer"] = TestTokens.Issuer,
        ["Auth:Audience"] = TestTokens.Audience,
        ["Auth:SigningKey"] = TestTokens.SigningKey,
        // Each app has its own events queue, so tests never take each other's messages.
        [Onboarding.Functions.Storage.EventsQueue.Setting] = TestStorage.UniqueQueueName("events"),
        [Onboarding.Functions.Webhooks.WebhookDeliveriesQueue.Setting] = TestStorage.UniqueQueueName("webhooks"),
        ["Webhooks:AllowLoopback"] = "true",
        ["PURGE_SCHEDULE"] = Never,
        ["PROJECTION_SWEEP_SCHEDULE"] = Never,
        ["ANALYTICS_ROLLUP_SCHEDULE"] = Never,
        ["WEBHOOK_STALL_SCHEDULE"] = Never,
    };
}
