using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Onboarding.Domain.State;

namespace Onboarding.Functions.Organizations;

/// <summary>
/// Which profile rows a representation shows, and so which rows its ETag covers: the wizard and the sample
/// data show the state row; the checklist and the features the state and the activity counters; the
/// tutorials their own rows; the overview all of them.
/// </summary>
public enum ETagScope
{
    State,
    Progress,
    Tutorials,
    Organization,
}

/// <summary>
/// An organization's onboarding as read from its <c>profile|</c> rows, with the stored rows kept so a
/// commit writes only what changed, each guarded by the ETag it was read with.
/// </summary>
public sealed record OrganizationSnapshot(OrganizationOnboarding Onboarding, IReadOnlyDictionary<string, TableEntity> StoredRows)
{
    /// <summary>The version of the state row, or null while the organization has none (it never wrote).</summary>
    public ETag? StateETag => StoredRows.TryGetValue(ProfileRows.State, out var row) ? row.ETag : null;

    public const string NoStateETag = "W/\"none\"";

    /// <summary>
    /// An organization assumed to have no rows yet, read from nowhere: a commit planned over it adds every row it writes,
    /// so it fails (and is decided again over a real read) if the organization has written after all.
    /// </summary>
    public static OrganizationSnapshot AssumedNew(string organizationId) =>
        new(OrganizationOnboarding.New(organizationId), new Dictionary<string, TableEntity>(StringComparer.Ordinal));

    /// <summary>
    /// The ETag of a representation of <paramref name="scope"/>: the state row's own for <see cref="ETagScope.State"/>,
    /// otherwise a digest of the keys and ETags of every row in the scope, so it changes whenever any of them does.
    /// </summary>
    public string ETagOf(ETagScope scope)
    {
        if (scope == ETagScope.State)
        {
            return StateETag?.ToString() ?? NoStateETag;
        }
        var rows = StoredRows.Values.Where(row => InScope(row.RowKey, scope)).OrderBy(row => row.RowKey, StringComparer.Ordinal).ToList();
        if (rows.Count == 0)
        {
            return NoStateETag;
        }
        var versions = string.Join('\n', rows.Select(row => $"{row.RowKey} {row.ETag}"));
        return $"W/\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(versions)).AsSpan(0, 12))}\"";
    }

    private static bool InScope(string rowKey, ETagScope scope) => scope switch
    {
        ETagScope.Progress => rowKey is ProfileRows.State or ProfileRows.Activity,
        ETagScope.Tutorials => rowKey.StartsWith(ProfileRows.TutorialPrefix, StringComparison.Ordinal),
        _ => rowKey.StartsWith(ProfileRows.ProfilePrefix, StringComparison.Ordinal),
    };
}

/// <summary>A client's <c>If-Match</c> on a change route, with the scope of the representation that route changes and answers with.</summary>
public sealed record IfMatch(string Value, ETagScope Scope)
{
    /// <summary>
    /// Whether what the client read is still current: the ETag of the route's own representation, or of the overview
    /// (which shows everything); <c>*</c> asks only that the organization has written.
    /// </summary>
    public bool Matches(OrganizationSnapshot snapshot)
    {
        var value = Value.Trim();
        return value == "*" ? snapshot.StateETag is not null : value == snapshot.ETagOf(Scope) || value == snapshot.ETagOf(ETagScope.Organization);
    }
}
