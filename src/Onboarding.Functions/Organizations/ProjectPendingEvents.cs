using Microsoft.Azure.Functions.Worker;
using Onboarding.Functions.Telemetry;

namespace Onboarding.Functions.Organizations;

/// <summary>
/// The timer function that finishes what a change could not: for every pending projection older than a
/// minute, it projects those of its events that were committed (a change that never committed left
/// none) and removes the row. Every step can be repeated.
/// </summary>
public sealed partial class ProjectPendingEvents(
    PendingProjections pending,
    OrganizationStore organizations,
    EventProjection projection,
    OnboardingMetrics metrics,
    TimeProvider clock,
    ILogger<ProjectPendingEvents> logger)
{
    public const string ScheduleSetting = "PROJECTION_SWEEP_SCHEDULE";

    /// <summary>Younger rows most likely belong to changes still running.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    [Function(nameof(ProjectPendingEvents))]
    public async Task Run([TimerTrigger("%PROJECTION_SWEEP_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        int changes = 0, events = 0;
        await foreach (var row in pending.OlderThanAsync(clock.GetUtcNow() - Grace, cancellationToken))
        {
            var committed = await organizations.StoredEventsAsync(row.OrganizationId, row.EventIds, cancellationToken);
            await projection.ProjectAsync(committed, cancellationToken);
            await pending.RemoveAsync(row, cancellationToken);
            metrics.Projected("sweep", clock.GetUtcNow() - PendingProjections.PlannedAt(row));
            changes++;
            events += committed.Count;
        }
        LogSwept(changes, events);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Swept {Changes} pending projections ({Events} committed events projected)")]
    private partial void LogSwept(int changes, int events);
}
