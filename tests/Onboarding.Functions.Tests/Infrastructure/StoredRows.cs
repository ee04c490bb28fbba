using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>Reads what is really stored in an organization's partition, for assertions.</summary>
public static class StoredRows
{
    public static async Task<IReadOnlyList<TableEntity>> OfOrganizationAsync(string organizationId)
    {
        var table = TestStorage.Tables().GetTableClient(OnboardingStorage.OnboardingTable);
        return await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {organizationId}")).ToListAsync();
    }

    public static async Task<IReadOnlyList<TableEntity>> EventsAsync(string organizationId) =>
        (await OfOrganizationAsync(organizationId)).Where(r => r.RowKey.StartsWith("event|", StringComparison.Ordinal)).ToList();

    public static async Task<TableEntity?> StateAsync(string organizationId) =>
        (await OfOrganizationAsync(organizationId)).FirstOrDefault(r => r.RowKey == "profile|state");

    /// <summary>Each stored row's key and ETag, in key order: equal fingerprints mean nothing was written in between.</summary>
    public static async Task<IReadOnlyList<string>> FingerprintAsync(string organizationId) =>
        (await OfOrganizationAsync(organizationId)).Select(r => $"{r.RowKey} {r.ETag}").Order(StringComparer.Ordinal).ToList();

    public static async Task<IReadOnlyList<TableEntity>> SampleAsync(string organizationId) =>
        (await OfOrganizationAsync(organizationId)).Where(r => r.RowKey.StartsWith("sample|", StringComparison.Ordinal)).ToList();

    /// <summary>The ids of the organization's events in the daily projection of <paramref name="day"/> (its shard partition).</summary>
    public static async Task<IReadOnlyList<string>> ProjectedEventIdsAsync(string organizationId, DateTimeOffset day)
    {
        var table = TestStorage.Tables().GetTableClient(OnboardingStorage.DailyTable);
        var key = TestPseudonyms.Organization(organizationId);
        var partition = Onboarding.Functions.Organizations.EventEntityMapper.DailyPartition(day, key);
        // The projection knows events by pseudonym only: the organization's stored ids whose pseudonym is there.
        var projected = (await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")).ToListAsync())
            .Where(r => r.GetString("OrganizationKey") == key)
            .Select(r => r.RowKey[(r.RowKey.LastIndexOf('|') + 1)..])
            .ToHashSet(StringComparer.Ordinal);
        return (await EventsAsync(organizationId))
            .Select(r => r.RowKey["event|".Length..])
            .Where(id => projected.Contains(TestPseudonyms.Instance.Event(organizationId, id)))
            .ToList();
    }
}
