using Azure;
using Azure.Data.Tables;

namespace Onboarding.Functions.Webhooks;

/// <summary>
/// Where and what to deliver: the target, the milestone types, optionally one organization, the signing secret (and
/// the previous one during a rotation's overlap), and whether it is enabled (a receiver's 410 disables it).
/// </summary>
public sealed record WebhookSubscription(
    string Id,
    string Url,
    IReadOnlyList<string> Types,
    string? OrganizationId,
    string Secret,
    string? PreviousSecret,
    DateTimeOffset? PreviousSecretExpiresAt,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset CreatedAt,
    ETag ETag = default)
{
    public const string Partition = "subscription";

    public bool Wants(string type, string organizationId) =>
        Enabled && Types.Contains(type, StringComparer.Ordinal) && (OrganizationId is null || OrganizationId == organizationId);

    /// <summary>The secrets that sign now: the current one, and the previous one until its overlap ends.</summary>
    public IEnumerable<string> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is not null && PreviousSecretExpiresAt > now ? [Secret, PreviousSecret] : [Secret];

    public TableEntity ToEntity() => new(Partition, Id)
    {
        ["Url"] = Url,
        ["Types"] = string.Join(',', Types),
        ["OrganizationId"] = OrganizationId,
        ["Secret"] = Secret,
        ["PreviousSecret"] = PreviousSecret,
        ["PreviousSecretExpiresAt"] = PreviousSecretExpiresAt,
        ["Enabled"] = Enabled,
        ["DisabledReason"] = DisabledReason,
        ["CreatedAt"] = CreatedAt,
    };

    public static WebhookSubscription FromEntity(TableEntity row) => new(
        row.RowKey,
        row.GetString("Url") ?? "",
        (row.GetString("Types") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        row.GetString("OrganizationId"),
        row.GetString("Secret") ?? "",
        row.GetString("PreviousSecret"),
        row.GetDateTimeOffset("PreviousSecretExpiresAt"),
        row.GetBoolean("Enabled") ?? false,
        row.GetString("DisabledReason"),
        row.GetDateTimeOffset("CreatedAt") ?? default,
        row.ETag);
}
