namespace Onboarding.Events;

/// <summary>How far a backfill has got: organizations and events handed to the queue.</summary>
public sealed record BackfillProgress(int Organizations, int Events);

/// <summary>
/// Starts onboarding for organizations that existed before it began at sign-up: per organization an
/// <c>organization_created</c> with its real creation time and, when its counts are known, an <c>activity_snapshot</c>.
/// Every id is derived from the organization (and the snapshot's time), so running it again sends the same ids and the
/// backend stores nothing twice.
/// </summary>
public static class OrganizationBackfill
{
    /// <summary>Organizations sent between two flushes (and progress reports).</summary>
    public const int OrganizationsPerFlush = 100;

    /// <summary>The events that start <paramref name="organization"/>'s onboarding; the snapshot is stamped <paramref name="countsAt"/>.</summary>
    public static IReadOnlyList<OnboardingEvent> EventsFor(ExistingOrganization organization, DateTimeOffset countsAt)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var id = organization.OrganizationId;
        List<OnboardingEvent> events =
        [
            new OrganizationCreated(id) { Id = EventIds.FromKey($"backfill/{id}/organization_created"), Timestamp = organization.CreatedAt },
        ];
        if (organization.Counts is { } counts && (counts.Events ?? counts.Teams ?? counts.Volunteers ?? counts.Assignments) is not null)
        {
            events.Add(new ActivitySnapshot(id, counts)
            {
                Id = EventIds.FromKey($"backfill/{id}/activity_snapshot/{countsAt.UtcTicks}"),
                Timestamp = countsAt,
            });
        }
        return events;
    }

    /// <summary>
    /// Publishes every organization's events through <paramref name="publisher"/>, flushing every
    /// <see cref="OrganizationsPerFlush"/> organizations and at the end, reporting after each flush.
    /// </summary>
    /// <exception cref="ArgumentException">An organization breaks the contract (its id, say); nothing of it is published.</exception>
    /// <exception cref="OnboardingEventPublishException">A flush failed; run the backfill again (the ids repeat).</exception>
    public static async Task<BackfillProgress> SendAsync(
        OnboardingEventPublisher publisher, IEnumerable<ExistingOrganization> organizations, DateTimeOffset countsAt,
        IProgress<BackfillProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(organizations);
        var sent = new BackfillProgress(0, 0);
        var unflushed = 0;
        foreach (var organization in organizations)
        {
            var events = EventsFor(organization, countsAt);
            publisher.Publish(events);
            sent = new BackfillProgress(sent.Organizations + 1, sent.Events + events.Count);
            if (++unflushed == OrganizationsPerFlush)
            {
                await publisher.FlushAsync(cancellationToken);
                unflushed = 0;
                progress?.Report(sent);
            }
        }
        await publisher.FlushAsync(cancellationToken);
        progress?.Report(sent);
        return sent;
    }
}
