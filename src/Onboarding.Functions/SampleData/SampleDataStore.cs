using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.SampleData;

/// <summary>
/// The sample rows of organizations' partitions, and the <c>SampleDataExpiry</c> index the nightly
/// purge reads (PartitionKey = expiry day <c>yyyyMMdd</c>, RowKey = organization id).
/// </summary>
public sealed class SampleDataStore(TableServiceClient tables, IOptions<SampleDataOptions> options)
{
    private Task? indexCreated;

    private TableClient Organizations => tables.GetTableClient(OnboardingStorage.OnboardingTable);

    private TableClient ExpiryIndex => tables.GetTableClient(options.Value.ExpiryIndexTable);

    public static string ExpiryDay(DateTimeOffset expiresAt) => expiresAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The first instant after the expiry day <paramref name="expiryDay"/> (<c>yyyyMMdd</c>, UTC).</summary>
    public static DateTimeOffset DayAfter(string expiryDay) =>
        new DateTimeOffset(DateTime.ParseExact(expiryDay, "yyyyMMdd", CultureInfo.InvariantCulture), TimeSpan.Zero).AddDays(1);

    /// <summary>Indexes the organization under its expiry day: written before the data, so no sample data is ever unindexed.</summary>
    public async Task IndexAsync(string organizationId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await EnsureIndexTableAsync();
        await ExpiryIndex.UpsertEntityAsync(new TableEntity(ExpiryDay(expiresAt), organizationId) { ["ExpiresAt"] = expiresAt },
            TableUpdateMode.Replace, cancellationToken);
    }

    public Task UnindexAsync(string expiryDay, string organizationId, CancellationToken cancellationToken) =>
        ExpiryIndex.DeleteEntityAsync(expiryDay, organizationId, ETag.All, cancellationToken);

    /// <summary>Index rows of every expiry day up to <paramref name="today"/>: only the partitions that are due are read.</summary>
    public async IAsyncEnumerable<TableEntity> DueAsync(string today, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureIndexTableAsync();
        await foreach (var row in ExpiryIndex.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey le {today}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>Creates the index table once; a failed attempt is tried again on the next call.</summary>
    private Task EnsureIndexTableAsync()
    {
        var current = indexCreated;
        if (current is null || current.IsFaulted || current.IsCanceled)
        {
            indexCreated = current = ExpiryIndex.CreateIfNotExistsAsync();
        }
        return current;
    }

    public async Task WriteAsync(IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var batch in rows.Chunk(OnboardingStorage.MaxTransactionActions))
        {
            await Organizations.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
        }
    }

    public async Task<IReadOnlyList<TableEntity>> ReadAsync(string organizationId, CancellationToken cancellationToken) =>
        await Organizations.QueryAsync<TableEntity>(ProfileRows.PrefixFilter(organizationId, ProfileRows.SamplePrefix), cancellationToken: cancellationToken).ToListAsync(cancellationToken);

    /// <summary>
    /// Deletes the organization's <c>sample|</c> rows of sets expiring before <paramref name="before"/>
    /// (rows without an expiry too) and nothing else, so a newer set written meanwhile is never touched.
    /// Each row is deleted with the ETag it was read with; when another writer deleted or rewrote one
    /// first, the rows are read again. Returns how many this call deleted.
    /// </summary>
    public async Task<int> DeleteExpiringBeforeAsync(string organizationId, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var deleted = 0;
        for (var attempt = 1; ; attempt++)
        {
            var due = (await Organizations.QueryAsync<TableEntity>(ProfileRows.PrefixFilter(organizationId, ProfileRows.SamplePrefix),
                    select: ["PartitionKey", "RowKey", SampleRows.ExpiresAtColumn], cancellationToken: cancellationToken).ToListAsync(cancellationToken))
                .Where(row => (row.GetDateTimeOffset(SampleRows.ExpiresAtColumn) ?? DateTimeOffset.MinValue) < before)
                .ToList();
            try
            {
                foreach (var batch in due.Chunk(OnboardingStorage.MaxTransactionActions))
                {
                    await Organizations.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag)), cancellationToken);
                    deleted += batch.Length;
                }
                return deleted;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 412 && attempt < MaxDeleteAttempts)
            {
                // Another clear or purge got to a row first, or a newer set replaced it: look again.
            }
        }
    }

    private const int MaxDeleteAttempts = 8;
}
