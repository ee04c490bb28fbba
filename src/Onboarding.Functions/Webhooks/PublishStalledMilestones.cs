using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Onboarding.Domain.Webhooks;
using Onboarding.Functions.Analytics;

namespace Onboarding.Functions.Webhooks;

/// <summary>
/// The timer function that tells subscribers about stalled wizards: every wizard in progress since more than
/// <c>Webhooks:StallAfterHours</c> (48), read from the in-progress index as the stalled list reads it, is published
/// once per start as <c>onboarding.stalled</c>. It does nothing while no subscription wants stalls.
/// </summary>
public sealed partial class PublishStalledMilestones(
    InProgressWizards inProgress,
    StallNotices notices,
    WebhookSubscriptions subscriptions,
    WebhookOutbox outbox,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<PublishStalledMilestones> logger)
{
    public const string ScheduleSetting = "WEBHOOK_STALL_SCHEDULE";
    private const int PageSize = 100;

    [Function(nameof(PublishStalledMilestones))]
    public async Task Run([TimerTrigger("%WEBHOOK_STALL_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (!(await subscriptions.EnabledAsync(cancellationToken)).Any(s => s.Types.Contains(WebhookMilestones.Stalled)))
        {
            return;
        }
        var now = clock.GetUtcNow();
        var published = 0;
        string? continuation = null;
        do
        {
            var (stalled, next) = await inProgress.PageAsync(now.AddHours(-options.Value.StallAfterHours), PageSize, continuation, cancellationToken);
            published += await PublishNewAsync(stalled, now, cancellationToken);
            continuation = next;
        }
        while (continuation is not null);
        LogPublished(published);
    }

    /// <summary>Publishes the wizards of one page not published yet for their start; returns how many.</summary>
    private async Task<int> PublishNewAsync(IReadOnlyList<StalledWizard> stalled, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var published = 0;
        foreach (var wizard in stalled)
        {
            if (await notices.WasPublishedAsync(wizard.OrganizationId, wizard.StartedAt, cancellationToken))
            {
                continue;
            }
            await outbox.PublishAsync([WebhookMilestones.StalledSince(wizard.OrganizationId, wizard.StartedAt, now)], cancellationToken);
            await notices.RecordAsync(wizard.OrganizationId, wizard.StartedAt, cancellationToken);
            published++;
        }
        return published;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Count} stalled wizards to webhook subscribers")]
    private partial void LogPublished(int count);
}
