using Onboarding.Functions.Analytics;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.Erasure;

/// <summary>
/// The organization's traces in analytics, after its daily-projection rows are gone: its row in the
/// in-progress wizard index, and the day summaries that counted it (rewritten from what is left; today is
/// computed live and needs nothing). The days come from the organization's events, still in its partition.
/// </summary>
public sealed class AnalyticsEraser(InProgressWizards inProgress, AnalyticsStore analytics) : IOrganizationDataEraser
{
    public string Name => "analytics";

    public async Task<bool> EraseAsync(ErasureContext context, CancellationToken cancellationToken)
    {
        await inProgress.RemoveAsync(context.OrganizationId, cancellationToken);
        var days = new HashSet<DateOnly>();
        await foreach (var page in context.OrganizationRowsAsync(ProfileRows.EventPrefix, null, ["Type", "OccurredAt"], cancellationToken))
        {
            days.UnionWith(page.Values.Select(EventEntityMapper.FromOrganizationRow).Select(e => DateOnly.FromDateTime(e.Timestamp.UtcDateTime)));
        }
        await analytics.RecomputeAsync(days, cancellationToken);
        return true;
    }
}
