using Onboarding.Domain.Activity;
using Onboarding.Domain.Events;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;

namespace Onboarding.Benchmarks;

/// <summary>One transaction of the raw ceiling: its table, its actions and how many events it stores.</summary>
public sealed record RawTransaction(TableClient Table, IReadOnlyList<TableTransactionAction> Actions, int Events);

/// <summary>What one writer does in order: an organization transaction, then the daily rows of its events.</summary>
public sealed record RawWriteUnit(IReadOnlyList<RawTransaction> Transactions, int Events);

/// <summary>
/// The rows ingestion writes for a workload, without ingestion: per organization, the
/// <c>event|{id}</c> rows in transactions with the <c>profile|activity</c> row they move (so a
/// 100-action transaction holds 99 events), then the same events' <c>OnboardingDaily</c> rows.
/// </summary>
public static class RawWritePlan
{
    public static IReadOnlyList<RawWriteUnit> Build(EventWorkload workload, int eventsPerTransaction, TableClient organizations, TableClient daily, DateTimeOffset recordedAt)
    {
        var perOrganization = workload.Events
            .GroupBy(e => e.OrganizationId, StringComparer.Ordinal)
            .Select(group => Units(group.Key, [.. group], eventsPerTransaction, organizations, daily, recordedAt).ToList())
            .ToList();
        // Round robin over organizations, as consecutive queue messages are.
        var longest = perOrganization.Max(units => units.Count);
        return [.. Enumerable.Range(0, longest).SelectMany(i => perOrganization.Where(units => i < units.Count).Select(units => units[i]))];
    }

    private static IEnumerable<RawWriteUnit> Units(string organizationId, List<OnboardingEvent> events, int eventsPerTransaction,
        TableClient organizations, TableClient daily, DateTimeOffset recordedAt)
    {
        var activity = ActivityCounters.Empty;
        foreach (var chunk in events.Chunk(eventsPerTransaction))
        {
            activity = activity.ApplyAll(chunk);
            var organizationActions = chunk
                .Select(e => new TableTransactionAction(TableTransactionActionType.Add, EventEntityMapper.ToOrganizationRow(e, recordedAt)))
                .Append(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ActivityEntityMapper.ToEntity(organizationId, activity)))
                .ToList();
            var transactions = new List<RawTransaction> { new(organizations, organizationActions, chunk.Length) };
            transactions.AddRange(chunk
                .GroupBy(e => EventEntityMapper.DailyPartition(e.Timestamp, e.OrganizationId))
                .SelectMany(day => day.Chunk(OnboardingStorage.MaxTransactionActions))
                .Select(rows => new RawTransaction(daily,
                    [.. rows.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, EventEntityMapper.ToDailyRow(e)))], 0)));
            yield return new RawWriteUnit(transactions, chunk.Length);
        }
    }
}
