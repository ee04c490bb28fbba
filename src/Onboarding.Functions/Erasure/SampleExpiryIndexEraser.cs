using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.SampleData;

namespace Onboarding.Functions.Erasure;

/// <summary>
/// The organization's rows of the sample-data expiry index (PartitionKey = expiry day, RowKey = org id): the day
/// its state names (<c>SampleDataExpiresAt</c>) and the day of every sample row's <c>ExpiresAt</c> (a set a crash
/// or a clear left behind), each deleted by its key. An index row of an older set that is in neither place is not
/// searched for (that would scan the index); the nightly purge removes it on its day, writing nothing for an
/// organization with no active set.
/// </summary>
public sealed class SampleExpiryIndexEraser(TableServiceClient tables, IOptions<SampleDataOptions> options) : IOrganizationDataEraser
{
    public string Name => "sample-expiry";

    public async Task<bool> EraseAsync(ErasureContext context, CancellationToken cancellationToken)
    {
        var days = new SortedSet<string>(StringComparer.Ordinal);
        if (context.State?.GetDateTimeOffset("SampleDataExpiresAt") is { } stateExpiry)
        {
            days.Add(SampleDataStore.ExpiryDay(stateExpiry));
        }
        await foreach (var page in context.OrganizationRowsAsync(ProfileRows.SamplePrefix, null, ["ExpiresAt"], cancellationToken))
        {
            foreach (var row in page.Values)
            {
                if (row.GetDateTimeOffset("ExpiresAt") is { } expiresAt)
                {
                    days.Add(SampleDataStore.ExpiryDay(expiresAt));
                }
            }
        }
        var index = tables.GetTableClient(options.Value.ExpiryIndexTable);
        await Task.WhenAll(days.Select(day => TableDeletes.DeleteOneAsync(index, day, context.OrganizationId, cancellationToken)));
        return true;
    }
}
