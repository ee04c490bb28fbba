using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Checklist;
using Onboarding.Domain.State;
using Onboarding.Domain.Wizard;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Analytics;

/// <summary>What the organizations index knows of one organization: what it is sorted and filtered by.</summary>
public sealed record OrganizationEntry(string OrganizationId, DateTimeOffset? SignedUpAt, double CompletionPercent, string Status)
{
    /// <summary>Its row key in <paramref name="sort"/>'s partition.</summary>
    public string RowKey(string sort) => sort == OrganizationsIndex.BySignUp
        ? $"{(DateTime.MaxValue.Ticks - (SignedUpAt?.UtcTicks ?? 0)).ToString("D19", CultureInfo.InvariantCulture)}|{OrganizationId}"
        : $"{(1000 - (int)Math.Round(CompletionPercent * 10, MidpointRounding.AwayFromZero)).ToString("D4", CultureInfo.InvariantCulture)}|{OrganizationId}";
}

/// <summary>A change to the organizations index that one organization change makes: rows to write before it commits, rows to remove after.</summary>
public sealed record OrganizationsIndexChange(OrganizationEntry? Add, OrganizationEntry? Remove);

/// <summary>One organization of a page, as its state gives it (the index only finds it).</summary>
public sealed record IndexedOrganization(OrganizationSnapshot Snapshot, OrganizationEntry Entry);

/// <summary>
/// The organizations index (<c>OrganizationsIndex</c>): every organization that has written anything, twice, once per sort:
/// partition <c>signup</c> (RowKey inverted sign-up ticks, newest first, unknown sign-ups last) and partition
/// <c>completion</c> (RowKey <c>1000 − completion in tenths</c>, most complete first), each row with the status and sign-up it
/// is filtered by. Maintained by the commit path like <see cref="InProgressWizards"/>: the new rows are upserted before a
/// change that moves them commits, the old ones deleted after; every organization's rows share these two partitions, so
/// the writes of changes made at the same time go together (<see cref="GroupedRowWrites"/>). A page is one index query plus one read of each listed
/// organization, checked against its state: a row left behind is deleted, a row whose status lags is rewritten.
/// </summary>
public sealed partial class OrganizationsIndex(
    TableServiceClient tables, OrganizationStore organizations, Catalog.CatalogVersions catalogs, IOptions<AnalyticsOptions> options, ILogger<OrganizationsIndex> logger)
{
    public const string BySignUp = "signup";
    public const string ByCompletion = "completion";

    public static IReadOnlyList<string> Sorts { get; } = [BySignUp, ByCompletion];

    private TableClient Table => tables.GetTableClient(options.Value.OrganizationsIndexTable);

    private readonly GroupedRowWrites writes = new(tables.GetTableClient(options.Value.OrganizationsIndexTable));

    /// <summary>The onboarding status: <c>dismissed</c>, else the wizard's (<c>not_started</c>, <c>in_progress</c>, <c>completed</c>, <c>skipped</c>).</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["not_started", "in_progress", "completed", "skipped", "dismissed"];

    public static string StatusOf(OnboardingState state) =>
        state.DismissedAt is not null ? "dismissed" : WizardStatus(state.Wizard);

    public static string WizardStatus(WizardState wizard) =>
        wizard.IsCompleted ? "completed" : wizard.IsSkipped ? "skipped" : wizard.IsStarted ? "in_progress" : "not_started";

    /// <summary>The entry of <paramref name="onboarding"/>; null for an organization that never wrote anything.</summary>
    public OrganizationEntry? EntryOf(OrganizationOnboarding onboarding) =>
        onboarding.State == OnboardingState.NotStarted && onboarding.Activity.EventTypeCounts.IsEmpty && onboarding.Tutorials.IsEmpty
            ? null
            : new OrganizationEntry(onboarding.OrganizationId, onboarding.State.SignedUpAt, ChecklistView.From(onboarding, catalogs.Latest.For(onboarding)).Percent, StatusOf(onboarding.State));

    /// <summary>What a change from <paramref name="before"/> to <paramref name="after"/> does to the index; null when its entry stays the same.</summary>
    public OrganizationsIndexChange? Plan(OrganizationOnboarding before, OrganizationOnboarding after)
    {
        var was = EntryOf(before);
        var now = EntryOf(after);
        return was == now ? null : new OrganizationsIndexChange(now, was);
    }

    /// <summary>Before the commit: the organization's rows as the change leaves them (upserts, so a repeat converges).</summary>
    public async Task BeforeCommitAsync(OrganizationsIndexChange change, CancellationToken cancellationToken)
    {
        if (change.Add is { } entry)
        {
            // Only the rows whose key or content the change moves: most progress moves the completion row alone.
            await Task.WhenAll(Sorts.Where(sort => change.Remove is not { } old || old.RowKey(sort) != entry.RowKey(sort) || !SameContent(sort, old, entry))
                .Select(sort => writes.UpsertAsync(Row(sort, entry), cancellationToken)));
        }
    }

    /// <summary>After the commit: removes the rows whose key the change moved; a failure leaves them for the reader to drop.</summary>
    public async Task AfterCommitAsync(OrganizationsIndexChange change, CancellationToken cancellationToken)
    {
        if (change.Remove is not { } old)
        {
            return;
        }
        try
        {
            await Task.WhenAll(Sorts.Where(sort => change.Add?.RowKey(sort) != old.RowKey(sort))
                .Select(sort => writes.DeleteAsync(sort, old.RowKey(sort), cancellationToken)));
        }
        catch (RequestFailedException e)
        {
            LogRemovalDeferred(e, old.OrganizationId);
        }
    }

    /// <summary>Removes every row of <paramref name="organizationId"/> (for erasure): one filtered query over the index, one delete per row.</summary>
    public Task RemoveAsync(string organizationId, CancellationToken cancellationToken) =>
        Table.DeleteWhereAsync(TableClient.CreateQueryFilter($"OrganizationId eq {organizationId}"), cancellationToken);

    /// <summary>
    /// One page in <paramref name="sort"/>'s order: one index query for at most <paramref name="pageSize"/> rows (of
    /// <paramref name="status"/>, signed up in [<paramref name="signedUpFrom"/>, <paramref name="signedUpBefore"/>) when given),
    /// then one read of each row's organization. Stale rows are left out, so a page may hold fewer.
    /// </summary>
    public async Task<(IReadOnlyList<IndexedOrganization> Items, string? ContinuationToken)> PageAsync(
        string sort, string? status, DateTimeOffset? signedUpFrom, DateTimeOffset? signedUpBefore, int pageSize, string? continuationToken,
        CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {sort}");
        if (status is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {status}");
        }
        if (signedUpFrom is { } from)
        {
            filter += " and " + TableClient.CreateQueryFilter($"SignedUpAt ge {from}");
        }
        if (signedUpBefore is { } before)
        {
            filter += " and " + TableClient.CreateQueryFilter($"SignedUpAt lt {before}");
        }
        if (await Table.OnePageAsync(filter, pageSize, continuationToken, cancellationToken) is not { } page)
        {
            return ([], null);
        }
        var checkedRows = await Task.WhenAll(page.Values.Select(row => CheckAsync(row, status, signedUpFrom, signedUpBefore, cancellationToken)));
        return ([.. checkedRows.OfType<IndexedOrganization>()], page.ContinuationToken);
    }

    /// <summary>Whether <paramref name="continuation"/> has the shape of the table service's continuation for one of the index's partitions.</summary>
    public static bool IsContinuation(string continuation)
    {
        var parts = continuation.Split(' ');
        return parts.Length == 2
            && Sorts.Any(sort => parts[0] == Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(sort)))
            && parts[1].Length is > 0 and <= 1024
            && Convert.TryFromBase64String(parts[1], new byte[parts[1].Length], out _);
    }

    private async Task<IndexedOrganization?> CheckAsync(
        TableEntity row, string? status, DateTimeOffset? signedUpFrom, DateTimeOffset? signedUpBefore, CancellationToken cancellationToken)
    {
        var organizationId = row.GetString("OrganizationId") ?? row.RowKey[(row.RowKey.IndexOf('|') + 1)..];
        var snapshot = await organizations.LoadAsync(organizationId, cancellationToken);
        await catalogs.GetAsync(cancellationToken);
        if (EntryOf(snapshot.Onboarding) is not { } entry || entry.RowKey(row.PartitionKey) != row.RowKey)
        {
            // Left behind: the organization's current row has another key (it was written before the commit that moved it).
            LogStaleRow(organizationId);
            await DeleteAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            return null;
        }
        if (!SameEntry(row, entry))
        {
            // Same key, older content (a change that wrote its rows and then lost its commit): the state decides.
            await Table.UpsertEntityAsync(Row(row.PartitionKey, entry), TableUpdateMode.Replace, cancellationToken);
        }
        var matches = (status is null || entry.Status == status)
            && (signedUpFrom is null || entry.SignedUpAt >= signedUpFrom)
            && (signedUpBefore is null || entry.SignedUpAt < signedUpBefore);
        return matches ? new IndexedOrganization(snapshot, entry) : null;
    }

    /// <summary>What a page filters and sorts by: the status and sign-up on both rows, the completion on its own row only.</summary>
    private static bool SameEntry(TableEntity row, OrganizationEntry entry) =>
        row.GetString("Status") == entry.Status && row.GetDateTimeOffset("SignedUpAt") == entry.SignedUpAt
        && (row.PartitionKey != ByCompletion || row.GetDouble("CompletionPercent") == entry.CompletionPercent);

    private static bool SameContent(string sort, OrganizationEntry old, OrganizationEntry entry) =>
        old.Status == entry.Status && old.SignedUpAt == entry.SignedUpAt && (sort != ByCompletion || old.CompletionPercent == entry.CompletionPercent);

    private static TableEntity Row(string sort, OrganizationEntry entry)
    {
        var row = new TableEntity(sort, entry.RowKey(sort))
        {
            ["OrganizationId"] = entry.OrganizationId,
            ["Status"] = entry.Status,
            ["CompletionPercent"] = entry.CompletionPercent,
        };
        if (entry.SignedUpAt is { } signedUpAt)
        {
            row["SignedUpAt"] = signedUpAt;
        }
        return row;
    }

    private Task DeleteAsync(string partition, string rowKey, ETag etag, CancellationToken cancellationToken) =>
        Table.DeleteIfUnchangedAsync(partition, rowKey, etag, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Organizations index rows of organization {OrganizationId} could not be removed after its change; the next read drops them")]
    private partial void LogRemovalDeferred(Exception exception, string organizationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped a stale organizations index row of organization {OrganizationId}")]
    private partial void LogStaleRow(string organizationId);
}
