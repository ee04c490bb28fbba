using Azure.Data.Tables;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Webhooks;

/// <summary>What became of one delivery: its status, attempts, the receiver's last answer.</summary>
public sealed record WebhookDeliveryRecord(
    string DeliveryId, string Type, string OrganizationId, string Status, int Attempts, int? LastStatusCode, string? LastError, DateTimeOffset? LastAttemptAt);

/// <summary>The <c>WebhookDeliveries</c> table: per subscription, one row per delivery, updated after every attempt.</summary>
public sealed class WebhookDeliveryLog(TableServiceClient tables)
{
    public const string Delivered = "delivered";
    public const string Retrying = "retrying";
    public const string Failed = "failed";
    public const string Skipped = "skipped";

    private TableClient Table => tables.GetTableClient(OnboardingStorage.WebhookDeliveriesTable);

    public Task RecordAsync(WebhookDelivery delivery, string status, int? statusCode, string? error, DateTimeOffset at, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(delivery.SubscriptionId, delivery.Id)
        {
            ["Type"] = delivery.Type,
            ["OrganizationId"] = delivery.OrganizationId,
            ["Status"] = status,
            ["Attempts"] = delivery.Attempt,
            ["LastStatusCode"] = statusCode,
            ["LastError"] = error,
            ["LastAttemptAt"] = at,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<WebhookDeliveryRecord?> GetAsync(string subscriptionId, string deliveryId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(subscriptionId, deliveryId, cancellationToken: cancellationToken);
        return row.HasValue ? ToRecord(row.Value!) : null;
    }

    /// <summary>The subscription's deliveries, newest attempt first (at most <paramref name="top"/>).</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRecord>> ListAsync(string subscriptionId, int top, CancellationToken cancellationToken) =>
        [.. (await Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {subscriptionId}"), cancellationToken: cancellationToken)
                .Select(ToRecord).ToListAsync(cancellationToken))
            .OrderByDescending(r => r.LastAttemptAt).Take(top)];

    private static WebhookDeliveryRecord ToRecord(TableEntity row) => new(
        row.RowKey, row.GetString("Type") ?? "", row.GetString("OrganizationId") ?? "", row.GetString("Status") ?? "",
        row.GetInt32("Attempts") ?? 0, row.GetInt32("LastStatusCode"), row.GetString("LastError"), row.GetDateTimeOffset("LastAttemptAt"));
}
