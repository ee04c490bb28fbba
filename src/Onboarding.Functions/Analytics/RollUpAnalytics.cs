using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Onboarding.Functions.Analytics;

/// <summary>
/// The timer function that writes the summaries of the last closed days (<c>Analytics:RollupLookbackDays</c>, 3):
/// each day computed from its 16 shard partitions and its summary replaced whole, so running it again, or on two
/// instances at once, writes the same thing, and events that reached the projection late are folded in. Then it moves
/// up to <c>Analytics:LegacyRowsPerRollup</c> projection rows from before pseudonyms to their pseudonymous keys.
/// </summary>
public sealed partial class RollUpAnalytics(
    AnalyticsStore store, LegacyProjectionMigration migration, IOptions<AnalyticsOptions> options, ILogger<RollUpAnalytics> logger)
{
    public const string ScheduleSetting = "ANALYTICS_ROLLUP_SCHEDULE";

    [Function(nameof(RollUpAnalytics))]
    public async Task Run([TimerTrigger("%ANALYTICS_ROLLUP_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var today = store.Today;
        var from = today.AddDays(-options.Value.RollupLookbackDays);
        for (var day = from; day < today; day = day.AddDays(1))
        {
            await store.RollUpAsync(day, cancellationToken);
        }
        LogRolledUp(from, today.AddDays(-1));
        if (options.Value.LegacyRowsPerRollup > 0)
        {
            await migration.RunAsync(options.Value.LegacyRowsPerRollup, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Analytics summaries written for {From} to {To}")]
    private partial void LogRolledUp(DateOnly from, DateOnly to);
}
