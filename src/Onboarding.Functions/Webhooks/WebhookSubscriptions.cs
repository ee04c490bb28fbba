using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Webhooks;

/// <summary>
/// The <c>WebhookSubscriptions</c> table (one partition: they are few), and a short per-instance cache of the
/// enabled ones for the delivery path, so committing events costs no read per commit.
/// </summary>
public sealed class WebhookSubscriptions(TableServiceClient tables, IOptions<WebhookOptions> options, TimeProvider clock)
{
    private readonly Lock gate = new();
    private (DateTimeOffset ReadAt, IReadOnlyList<WebhookSubscription> Enabled)? cached;

    private TableClient Table => tables.GetTableClient(OnboardingStorage.WebhookSubscriptionsTable);

    public async Task<WebhookSubscription> AddAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        var response = await Table.AddEntityAsync(subscription.ToEntity(), cancellationToken);
        Forget();
        return subscription with { ETag = response.Headers.ETag ?? default };
    }

    public async Task<WebhookSubscription?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(WebhookSubscription.Partition, id, cancellationToken: cancellationToken);
        return row.HasValue ? WebhookSubscription.FromEntity(row.Value!) : null;
    }

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken) =>
        await Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {WebhookSubscription.Partition}"), cancellationToken: cancellationToken)
            .Select(WebhookSubscription.FromEntity).ToListAsync(cancellationToken);

    /// <summary>Replaces the subscription if it is unchanged since it was read (412 otherwise).</summary>
    public async Task<WebhookSubscription> ReplaceAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        var response = await Table.UpdateEntityAsync(subscription.ToEntity(), subscription.ETag, TableUpdateMode.Replace, cancellationToken);
        Forget();
        return subscription with { ETag = response.Headers.ETag ?? default };
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(WebhookSubscription.Partition, id, ETag.All, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
        finally
        {
            Forget();
        }
    }

    /// <summary>The enabled subscriptions, at most <see cref="WebhookOptions.SubscriptionCacheSeconds"/> old.</summary>
    public async Task<IReadOnlyList<WebhookSubscription>> EnabledAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (cached is { } hit && now - hit.ReadAt < TimeSpan.FromSeconds(options.Value.SubscriptionCacheSeconds))
            {
                return hit.Enabled;
            }
        }
        var enabled = (await ListAsync(cancellationToken)).Where(s => s.Enabled).ToList();
        lock (gate)
        {
            cached = (now, enabled);
        }
        return enabled;
    }

    private void Forget()
    {
        lock (gate)
        {
            cached = null;
        }
    }
}
