using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Onboarding.Domain.Analytics;
using Onboarding.Domain.Events;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Privacy;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Analytics;

/// <summary>
/// The analytics tallies of a range of UTC days: closed days (before today) from their one-per-day summary in
/// <c>OnboardingDailySummary</c>, today (and tomorrow, since an event may be stamped up to 24 h ahead) computed
/// live from the day's 16 <c>OnboardingDaily</c> shard partitions. A closed day without a summary yet is computed
/// from its shards the same way and its summary written, so it is read once. Writing a summary replaces it whole
/// with what the day's events give now: recomputing a day is idempotent.
/// </summary>
public sealed class AnalyticsStore(TableServiceClient tables, AnalyticsPseudonyms pseudonyms, TimeProvider clock)
{
    /// <summary>Bytes of the compressed tally per binary property (the service allows 64 KiB).</summary>
    public const int ChunkBytes = 60_000;

    /// <summary>Chunks per summary row: 600,000 bytes, 800,000 as base64 on the wire (an entity may have 1 MiB).</summary>
    public const int ChunksPerRow = 10;

    private const string PartsColumn = "Parts";
    private const string ChunksColumn = "Chunks";
    private const string VersionColumn = "Version";
    private const string ComputedAtColumn = "ComputedAt";
    private const string GenerationColumn = "Generation";

    /// <summary>Summary rows per transaction: a transaction carries at most 4 MiB, a full row about 800 KB as base64.</summary>
    private const int RowsPerTransaction = 3;

    private static readonly string[] DailyColumns =
        ["RowKey", "Type", "OccurredAt", EventEntityMapper.OrganizationKeyColumn, LegacyOrganizationIdColumn, "EventId", "WizardStepReached", "WizardStepDropped",
            "StepDurationSeconds", "CompletionTimeMinutes", "IsSample", "Data", "UserKey"];

    /// <summary>Where projection rows written before pseudonyms hold the organization's id.</summary>
    public const string LegacyOrganizationIdColumn = "OrganizationId";

    private TableClient Summaries => tables.GetTableClient(OnboardingStorage.DailySummaryTable);

    private TableClient Daily => tables.GetTableClient(OnboardingStorage.DailyTable);

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static string Day(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The merged tally of <paramref name="from"/> to <paramref name="to"/>, inclusive.</summary>
    public async Task<AnalyticsTally> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var today = Today;
        var tally = new AnalyticsTally();
        var closedTo = to < today ? to : today.AddDays(-1);
        if (from <= closedTo)
        {
            var stored = await SummariesAsync(from, closedTo, cancellationToken);
            foreach (var summary in stored.Values)
            {
                tally.Merge(summary);
            }
            var missing = Enumerable.Range(0, closedTo.DayNumber - from.DayNumber + 1).Select(from.AddDays).Where(day => !stored.ContainsKey(day)).ToList();
            var computed = new AnalyticsTally[missing.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, missing.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (i, token) => computed[i] = await RollUpAsync(missing[i], token));
            foreach (var day in computed)
            {
                tally.Merge(day);
            }
        }
        // Nothing can be stamped later than 24 h ahead, so days after tomorrow are empty without reading them.
        for (var day = from > today ? from : today; day <= to && day <= today.AddDays(1); day = day.AddDays(1))
        {
            tally.Merge(await ComputeAsync(day, cancellationToken));
        }
        return tally;
    }

    /// <summary>Computes a closed day from its shards and writes its summary (replacing any earlier one).</summary>
    public async Task<AnalyticsTally> RollUpAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (day >= Today)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "Only a closed day (before today, UTC) is rolled up.");
        }
        var tally = await ComputeAsync(day, cancellationToken);
        await WriteSummaryAsync(day, tally, cancellationToken);
        return tally;
    }

    /// <summary>
    /// Rewrites the summaries of the closed days among <paramref name="days"/> from their shards as they are now (today
    /// and later are read live and need nothing). Erasure calls it with the days of an organization's events once they
    /// are deleted from <c>OnboardingDaily</c>, so no summary keeps the organization's id or counts.
    /// </summary>
    public async Task RecomputeAsync(IEnumerable<DateOnly> days, CancellationToken cancellationToken)
    {
        var today = Today;
        await Parallel.ForEachAsync(days.Where(day => day < today).Distinct(), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (day, token) => await RollUpAsync(day, token));
    }

    /// <summary>One day from its 16 shard partitions: one range query (<c>yyyyMMdd-00</c> to <c>yyyyMMdd-15</c>), paged by the service.</summary>
    public async Task<AnalyticsTally> ComputeAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var tally = new AnalyticsTally();
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {Day(day) + "-"} and PartitionKey lt {Day(day) + "."}");
        await foreach (var row in Daily.QueryAsync<TableEntity>(filter, select: DailyColumns, cancellationToken: cancellationToken))
        {
            tally.Add(FromDailyRow(row, pseudonyms));
        }
        return tally;
    }

    /// <summary>
    /// An event as the daily projection stores it (the columns analytics read), its organization by pseudonym. A row from
    /// before pseudonyms (<c>OrganizationId</c>) is read as if written today, so old and new rows of one organization count
    /// as one; its id stays in storage until the organization is erased or the day is migrated (README, "Analytics").
    /// </summary>
    public static OnboardingEvent FromDailyRow(TableEntity row, AnalyticsPseudonyms pseudonyms) => Projected(row,
        row.GetString(EventEntityMapper.OrganizationKeyColumn)
            ?? (row.GetString(LegacyOrganizationIdColumn) is { Length: > 0 } organizationId ? pseudonyms.Organization(organizationId) : string.Empty),
        row.GetString("UserKey"));

    /// <summary>A row from before pseudonyms as the event it projects (its organization id and event id as they were stored).</summary>
    public static OnboardingEvent FromLegacyDailyRow(TableEntity row) => Projected(row, row.GetString(LegacyOrganizationIdColumn) ?? string.Empty, null);

    /// <summary>The event a daily row projects, of <paramref name="organization"/> (an id or a pseudonym) and <paramref name="userKey"/>.</summary>
    private static OnboardingEvent Projected(TableEntity row, string organization, string? userKey) => new(
        row.GetString("EventId") ?? row.RowKey[(row.RowKey.LastIndexOf('|') + 1)..],
        organization,
        row.GetString("Type") ?? string.Empty,
        row.GetDateTimeOffset("OccurredAt") ?? default,
        WizardStepReached: row.GetInt32("WizardStepReached"),
        WizardStepDropped: row.GetInt32("WizardStepDropped"),
        StepDurationSeconds: row.GetDouble("StepDurationSeconds"),
        CompletionTimeMinutes: row.GetDouble("CompletionTimeMinutes"),
        IsSample: row.GetBoolean("IsSample") ?? false,
        Data: row.GetString("Data") is { } data ? JsonNode.Parse(data) as JsonObject : null,
        UserKey: userKey);

    /// <summary>
    /// Writes a day's summary: the tally as gzip-compressed JSON split into binary chunks, <see cref="ChunksPerRow"/>
    /// per row (<c>part|000</c>, …), every row stamped with the content's hash (<c>Generation</c>). The first row says
    /// how many parts there are and is written last; a reader uses a summary only when every part carries the first
    /// row's generation, so a write cut short, or fewer parts than an earlier write, is never read as data. Almost every
    /// day is one row (one request). The same tally gives the same rows: recomputing is idempotent.
    /// </summary>
    public async Task WriteSummaryAsync(DateOnly day, AnalyticsTally tally, CancellationToken cancellationToken)
    {
        var bytes = tally.ToBytes();
        var generation = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..32];
        var chunks = bytes.Chunk(ChunkBytes).ToList();
        var rows = chunks.Chunk(ChunksPerRow).Select((part, index) =>
        {
            var row = new TableEntity(Day(day), Part(index)) { [ChunksColumn] = part.Length, [GenerationColumn] = generation };
            for (var i = 0; i < part.Length; i++)
            {
                row[$"Chunk{i:00}"] = part[i];
            }
            return row;
        }).ToList();
        rows[0][PartsColumn] = rows.Count;
        rows[0][VersionColumn] = AnalyticsTally.DataVersion;
        rows[0][ComputedAtColumn] = clock.GetUtcNow();
        // The first row last: until it is written, readers see the previous summary whole or none.
        foreach (var batch in rows.Skip(1).Chunk(RowsPerTransaction).Append([rows[0]]))
        {
            await Summaries.SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);
        }
    }

    /// <summary>The stored summaries of <paramref name="from"/> to <paramref name="to"/>: one range query over the day partitions.</summary>
    public async Task<IReadOnlyDictionary<DateOnly, AnalyticsTally>> SummariesAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {Day(from)} and PartitionKey le {Day(to)}");
        var rows = new List<TableEntity>();
        await foreach (var row in Summaries.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        var summaries = new Dictionary<DateOnly, AnalyticsTally>();
        foreach (var day in rows.GroupBy(r => r.PartitionKey))
        {
            var parts = day.ToDictionary(r => r.RowKey, StringComparer.Ordinal);
            if (!parts.TryGetValue(Part(0), out var first) || first.GetInt32(VersionColumn) != AnalyticsTally.DataVersion
                || first.GetInt32(PartsColumn) is not { } count
                || Enumerable.Range(0, count).Any(i => !parts.TryGetValue(Part(i), out var part) || part.GetString(GenerationColumn) != first.GetString(GenerationColumn)))
            {
                continue; // incomplete or of another version: computed again
            }
            var bytes = Enumerable.Range(0, count).SelectMany(i =>
            {
                var part = parts[Part(i)];
                return Enumerable.Range(0, part.GetInt32(ChunksColumn) ?? 0).SelectMany(c => part.GetBinary($"Chunk{c:00}") ?? []);
            }).ToArray();
            summaries[ParseDay(day.Key)] = AnalyticsTally.FromBytes(bytes);
        }
        return summaries;
    }

    private static string Part(int index) => $"part|{index:000}";

    public static DateOnly ParseDay(string day) => DateOnly.ParseExact(day, "yyyyMMdd", CultureInfo.InvariantCulture);
}
