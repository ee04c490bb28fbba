using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Onboarding.Domain.Events;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Telemetry;

namespace Onboarding.Functions.Organizations;

/// <summary>One change whose events may not be in the daily projection yet.</summary>
public sealed record PendingProjection(string Bucket, string OrganizationId, string CommitId, IReadOnlyList<string> EventIds);

/// <summary>
/// The <c>PendingProjections</c> table: written before an organization's change commits, removed once
/// its events are in <c>OnboardingDaily</c>. A row that outlives its change (storage failed after the
/// commit, the process died) is found by <see cref="ProjectPendingEvents"/>, so a committed event always
/// reaches the projection without depending on a second write succeeding at that moment.
/// PartitionKey = the minute the change began (<c>yyyyMMddHHmm</c>), RowKey = <c>{orgId}|{commitId}</c>.
/// </summary>
public sealed class PendingProjections(TableServiceClient tables)
{
    private const string EventIdsColumn = "EventIds";

    private TableClient Table => tables.GetTableClient(OnboardingStorage.PendingProjectionsTable);

    /// <summary>
    /// A row is written before each change that makes events and removed after it, so under load many are written at
    /// once; these go together (<see cref="GroupedRowWrites"/>), each change still waiting for its own row.
    /// </summary>
    private readonly GroupedRowWrites writes = new(tables.GetTableClient(OnboardingStorage.PendingProjectionsTable));

    public static string Bucket(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    /// <summary>The start of the minute <paramref name="pending"/> was planned in.</summary>
    public static DateTimeOffset PlannedAt(PendingProjection pending) =>
        DateTimeOffset.ParseExact(pending.Bucket, "yyyyMMddHHmm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>The pending row for one attempt to commit <paramref name="events"/> (each attempt has its own).</summary>
    public static PendingProjection Plan(string organizationId, IReadOnlyList<OnboardingEvent> events, DateTimeOffset now) =>
        new(Bucket(now), organizationId, Guid.NewGuid().ToString("N"), [.. events.Select(e => e.Id)]);

    public Task RecordAsync(PendingProjection pending, CancellationToken cancellationToken) =>
        writes.UpsertAsync(new TableEntity(pending.Bucket, $"{pending.OrganizationId}|{pending.CommitId}")
        {
            [EventIdsColumn] = string.Join('\n', pending.EventIds),
        }, cancellationToken);

    public Task RemoveAsync(PendingProjection pending, CancellationToken cancellationToken) =>
        writes.DeleteAsync(pending.Bucket, $"{pending.OrganizationId}|{pending.CommitId}", cancellationToken);

    /// <summary>Rows recorded before <paramref name="before"/>: only the partitions of those minutes are read.</summary>
    public async IAsyncEnumerable<PendingProjection> OlderThanAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey lt {Bucket(before)}"), cancellationToken: cancellationToken))
        {
            var separator = row.RowKey.LastIndexOf('|');
            yield return new PendingProjection(row.PartitionKey, row.RowKey[..separator], row.RowKey[(separator + 1)..],
                (row.GetString(EventIdsColumn) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
