using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Webhooks;

/// <summary>
/// Which stalls have been published (<c>WebhookStallNotices</c>, PartitionKey = <c>stall</c>, RowKey =
/// <c>{orgId}|{wizard start ticks}</c>): written after the milestone is queued, so a crash in between publishes it again
/// (with the same delivery ids) rather than never; a wizard started again is a new stall.
/// </summary>
public sealed class StallNotices(TableServiceClient tables)
{
    public const string Partition = "stall";

    private TableClient Table => tables.GetTableClient(OnboardingStorage.WebhookStallNoticesTable);

    public static string RowKey(string organizationId, DateTimeOffset startedAt) =>
        $"{organizationId}|{startedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}";

    public async Task<bool> WasPublishedAsync(string organizationId, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(organizationId, startedAt), select: ["RowKey"], cancellationToken: cancellationToken)).HasValue;

    public Task RecordAsync(string organizationId, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(Partition, RowKey(organizationId, startedAt)), TableUpdateMode.Replace, cancellationToken);
}
