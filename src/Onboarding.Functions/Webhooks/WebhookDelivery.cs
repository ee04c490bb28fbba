using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Domain.Webhooks;

namespace Onboarding.Functions.Webhooks;

/// <summary>
/// One milestone on its way to one subscription: the queue message of a delivery. <see cref="Id"/> is the
/// <c>webhook-id</c> the receiver sees; it derives from the subscription and the milestone, so it is the same on
/// every attempt and every redelivery, and a receiver can drop what it has already handled.
/// </summary>
public sealed record WebhookDelivery(string Id, string SubscriptionId, string Type, string OrganizationId, DateTimeOffset Timestamp, JsonObject Data, int Attempt = 1)
{
    public static WebhookDelivery For(WebhookSubscription subscription, WebhookMilestone milestone)
    {
        var key = Encoding.UTF8.GetBytes($"{subscription.Id}|{milestone.OrganizationId}|{milestone.Type}|{milestone.SourceId}");
        var id = "msg_" + Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 16));
        return new(id, subscription.Id, milestone.Type, milestone.OrganizationId, milestone.Timestamp, (JsonObject)milestone.Data.DeepClone());
    }

    /// <summary>The request body: the Standard Webhooks shape, <c>type</c>, <c>timestamp</c> and <c>data</c>.</summary>
    public string Body() => new JsonObject
    {
        ["type"] = Type,
        ["timestamp"] = Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["data"] = Data.DeepClone(),
    }.ToJsonString();

    public string ToMessage() => JsonSerializer.Serialize(this, Json);

    public static WebhookDelivery FromMessage(string text) =>
        JsonSerializer.Deserialize<WebhookDelivery>(text, Json) ?? throw new JsonException("The message is JSON null.");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
