using Azure.Data.Tables;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Privacy;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Analytics;

/// <summary>
/// Moves <c>OnboardingDaily</c> rows written before pseudonyms (an <c>OrganizationId</c> column, keyed
/// <c>{type}|{orgId}|{id}</c> in the id's shard) to the keys rows are written under now, then rewrites the summaries of
/// the closed days it touched. A row is upserted under its new key before its old one is deleted, so a run cut short
/// loses nothing and the next run finds what is left by the same filter: resumable, and idempotent (deterministic keys,
/// a delete of a row already gone is no error). Until a row is moved, readers take its id as the pseudonym it maps to.
/// </summary>
public sealed partial class LegacyProjectionMigration(TableServiceClient tables, AnalyticsPseudonyms pseudonyms, AnalyticsStore store, ILogger<LegacyProjectionMigration> logger)
{
    private TableClient Daily => tables.GetTableClient(OnboardingStorage.DailyTable);

    /// <summary>Moves at most <paramref name="maxRows"/> legacy rows; returns how many it moved (0 once none are left).</summary>
    public async Task<int> RunAsync(int maxRows, CancellationToken cancellationToken)
    {
        // Only rows that have the column match a comparison on it: the legacy rows.
        const string filter = AnalyticsStore.LegacyOrganizationIdColumn + " ge ''";
        var legacy = new List<TableEntity>();
        await foreach (var row in Daily.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(maxRows, 1000), cancellationToken: cancellationToken))
        {
            legacy.Add(row);
            if (legacy.Count >= maxRows)
            {
                break;
            }
        }
        var moved = legacy.Select(row => (Old: row, New: Pseudonymous(row))).ToList();
        await Task.WhenAll(moved.GroupBy(m => m.New.PartitionKey).SelectMany(p => p.Chunk(OnboardingStorage.MaxTransactionActions)).Select(batch =>
            Daily.SubmitTransactionAsync(batch.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, m.New)), cancellationToken)));
        await Parallel.ForEachAsync(moved, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (m, token) => await Daily.DeleteIfUnchangedAsync(m.Old.PartitionKey, m.Old.RowKey, Azure.ETag.All, token));
        await store.RecomputeAsync(moved.Select(m => AnalyticsStore.ParseDay(m.Old.PartitionKey[..8])), cancellationToken);
        if (moved.Count > 0)
        {
            LogMoved(moved.Count);
        }
        return moved.Count;
    }

    private TableEntity Pseudonymous(TableEntity legacy)
    {
        var e = AnalyticsStore.FromLegacyDailyRow(legacy);
        var row = EventEntityMapper.ToDailyRow(e, pseudonyms.Current);
        // The day it was filed under, which the read of a day's shards relies on (the same as its time's, unless written by hand).
        row.PartitionKey = $"{legacy.PartitionKey[..8]}-{row.PartitionKey[9..]}";
        return row;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Rows} daily projection rows from organization ids to pseudonyms")]
    private partial void LogMoved(int rows);
}
