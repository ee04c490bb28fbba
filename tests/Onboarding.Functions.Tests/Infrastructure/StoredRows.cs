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
}
