using Azure.Data.Tables;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Erasure;

/// <summary>
/// The organization's rows in the subscriptions' delivery logs (keyed by subscription, so found by their
/// <c>OrganizationId</c> column; the log holds deliveries, far fewer than events) and its published stall notices
/// (RowKey <c>{orgId}|…</c>, a range of one partition).
/// </summary>
public sealed class WebhookDeliveriesEraser(TableServiceClient tables) : IOrganizationDataEraser
{
    public string Name => "webhook-deliveries";

    public async Task<bool> EraseAsync(ErasureContext context, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(OnboardingStorage.WebhookDeliveriesTable);
        var rows = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"OrganizationId eq {context.OrganizationId}"),
            select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        foreach (var subscription in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            await TableDeletes.DeleteAsync(table, subscription.Key, subscription.Select(r => r.RowKey), cancellationToken);
        }
        var notices = tables.GetTableClient(OnboardingStorage.WebhookStallNoticesTable);
        var org = context.OrganizationId;
        var stalls = await notices.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Webhooks.StallNotices.Partition} and RowKey ge {org + "|"} and RowKey lt {org + "}"}"),
            select: ["RowKey"], cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        await TableDeletes.DeleteAsync(notices, Webhooks.StallNotices.Partition, stalls.Select(r => r.RowKey), cancellationToken);
        return true;
    }
}
