using Azure;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;

namespace Onboarding.Benchmarks;

/// <summary>One transaction of the raw ceiling: its table, its actions and how many events it stores.</summary>
public sealed record RawTransaction(TableClient Table, IReadOnlyList<TableTransactionAction> Actions, int Events);

/// <summary>What one writer does in order for one message: its organization transactions, then its daily rows.</summary>
public sealed record RawWriteUnit(IReadOnlyList<RawTransaction> Transactions, int Events);

/// <summary>
/// The rows ingestion writes for a workload, without ingestion: per message, the organization transactions the
/// app's own planner makes (<see cref="OrganizationStore.PlanCommit"/>, fitted by <see cref="FittedCommit"/>: the
/// <c>event|</c> rows, the progress events they cause, the activity and state rows), then the
/// <c>OnboardingDaily</c> rows of all those events. No reads, no ETags, no queue: what is left is Azurite's cost
/// of the writes themselves.
/// </summary>
public static class RawWritePlan
{
    public static IReadOnlyList<RawWriteUnit> Build(EventWorkload workload, TableServiceClient tables, TableClient organizations, TableClient daily, DateTimeOffset now)
    {
        var planner = new OrganizationStore(tables, TimeProvider.System);
        var perOrganization = workload.Events
            .GroupBy(e => e.OrganizationId, StringComparer.Ordinal)
            .Select(group => Units(group.Key, [.. group], workload.EventsPerMessage, planner, organizations, daily, now).ToList())
            .ToList();
        // Round robin over organizations, as consecutive queue messages are.
        var longest = perOrganization.Max(units => units.Count);
        return [.. Enumerable.Range(0, longest).SelectMany(i => perOrganization.Where(units => i < units.Count).Select(units => units[i]))];
    }

    private static IEnumerable<RawWriteUnit> Units(string organizationId, List<OnboardingEvent> events, int eventsPerMessage,
        OrganizationStore planner, TableClient organizations, TableClient daily, DateTimeOffset now)
    {
        var snapshot = new OrganizationSnapshot(OrganizationOnboarding.New(organizationId), new Dictionary<string, TableEntity>(StringComparer.Ordinal));
        foreach (var message in events.Chunk(eventsPerMessage))
        {
            var transactions = new List<RawTransaction>();
            var written = new List<OnboardingEvent>();
            for (var next = 0; next < message.Length;)
            {
                var offered = message[next..];
                var fitted = FittedCommit.LargestFitting(offered.Length, take =>
                {
                    var change = OnboardingPipeline.Complete(new OnboardingChange(snapshot.Onboarding, offered[..take]), DefaultCatalog.Catalog, now);
                    return (change, planner.PlanCommit(snapshot, change.After, change.Events));
                });
                transactions.Add(new RawTransaction(organizations, [.. fitted.Actions.Select(Unguarded)], fitted.Taken));
                written.AddRange(fitted.Change.Events);
                var etags = fitted.Actions.ToDictionary(a => a.Entity.RowKey, _ => new ETag("raw"), StringComparer.Ordinal);
                snapshot = OrganizationStore.AfterCommit(snapshot, fitted.Actions, etags)!;
                next += fitted.Taken;
            }
            transactions.AddRange(written
                .Select(e => EventEntityMapper.ToDailyRow(e, BenchmarkPseudonyms.Instance))
                .GroupBy(row => row.PartitionKey)
                .SelectMany(day => day.Chunk(OnboardingStorage.MaxTransactionActions))
                .Select(rows => new RawTransaction(daily,
                    [.. rows.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row))], 0)));
            yield return new RawWriteUnit(transactions, message.Length);
        }
    }

    /// <summary>
    /// Event rows are added, as ingestion adds them; the profile rows are upserted, without the ETags ingestion guards
    /// them with: the raw writers do not wait for each other, so an organization's next message may land first.
    /// </summary>
    private static TableTransactionAction Unguarded(TableTransactionAction action) =>
        action.Entity.RowKey.StartsWith(ProfileRows.EventPrefix, StringComparison.Ordinal)
            ? action
            : new TableTransactionAction(TableTransactionActionType.UpsertReplace, action.Entity);
}
