using Azure.Data.Tables;
using Azure;
using Onboarding.Domain.State;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Organizations;

/// <summary>
/// An organization's onboarding as read from its <c>profile|</c> rows, with the stored rows kept so a
/// commit writes only what changed, each guarded by the ETag it was read with.
/// </summary>
public sealed record OrganizationSnapshot(OrganizationOnboarding Onboarding, IReadOnlyDictionary<string, TableEntity> StoredRows)
{
    /// <summary>The version of the state row, or null while the organization has none (it never wrote).</summary>
    public ETag? StateETag => StoredRows.TryGetValue(ProfileRows.State, out var row) ? row.ETag : null;

    /// <summary>The ETag clients see: the state row's, or a fixed one for an organization that never wrote.</summary>
    public string HttpETag => StateETag?.ToString() ?? NoStateETag;

    public const string NoStateETag = "W/\"none\"";
}
