using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Onboarding.Functions.Catalog;

/// <summary>One published catalog version: its JSON as published, when, and whether it was seeded from the catalog file.</summary>
public sealed record StoredCatalogVersion(int Version, string Json, DateTimeOffset PublishedAt, string Source);

/// <summary>The platform admins' draft: the next version's JSON, not yet published.</summary>
public sealed record CatalogDraft(string Json, DateTimeOffset UpdatedAt, ETag ETag);

/// <summary>
/// The catalog versions table (one partition: versions are few). <c>version|{n}</c> rows are only ever added, so a
/// version never changes once published; <c>current</c> names the version in force and moves in the same
/// transaction that adds the next version, guarded by its ETag, so two publishes never take the same number.
/// </summary>
public sealed class CatalogVersionStore(TableServiceClient tables, IOptions<CatalogOptions> options)
{
    private const string Partition = "catalog";
    private const string CurrentRow = "current";
    private const string DraftRow = "draft";
    private const string VersionPrefix = "version|";

    /// <summary>Table Storage keeps a string property up to 64 KiB of UTF-16: 32,000 characters, with room to spare.</summary>
    public const int MaxJsonCharacters = 32_000;

    private TableClient Table => tables.GetTableClient(options.Value.VersionsTable);

    public Task CreateTableAsync(CancellationToken cancellationToken) => Table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Publishes <paramref name="json"/> as version 1 unless a version exists; a concurrent seed by another instance is fine.</summary>
    public async Task SeedAsync(string json, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if ((await Table.GetEntityIfExistsAsync<TableEntity>(Partition, CurrentRow, cancellationToken: cancellationToken)).HasValue)
        {
            return;
        }
        try
        {
            await Table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, VersionRow(1, json, now, "file")),
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition, CurrentRow) { ["Version"] = 1 }),
            ], cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            // Another instance seeded first.
        }
    }

    /// <summary>The version in force, and the ETag of the pointer for a publish.</summary>
    public async Task<(int Version, ETag ETag)?> CurrentAsync(CancellationToken cancellationToken)
    {
        try
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, CurrentRow, cancellationToken: cancellationToken);
            return row.HasValue && row.Value!.GetInt32("Version") is { } version ? (version, row.Value.ETag) : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The table itself is not there yet: nothing is published.
            return null;
        }
    }

    public async Task<StoredCatalogVersion?> VersionAsync(int version, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, VersionKey(version), cancellationToken: cancellationToken);
        return row.HasValue ? FromRow(row.Value!) : null;
    }

    /// <summary>Every version from <paramref name="after"/> + 1 on, oldest first.</summary>
    public async Task<IReadOnlyList<StoredCatalogVersion>> VersionsAsync(int after, CancellationToken cancellationToken)
    {
        var from = VersionKey(after + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {from} and RowKey lt {VersionPrefix + "~"}");
        return await Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).Select(FromRow).ToListAsync(cancellationToken);
    }

    /// <summary>Adds version <paramref name="version"/> and makes it current, if the pointer is still <paramref name="currentETag"/>; false if another publish won.</summary>
    public async Task<bool> PublishAsync(int version, string json, ETag currentETag, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, VersionRow(version, json, now, "api")),
                new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity(Partition, CurrentRow) { ["Version"] = version }, currentETag),
            ], cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<CatalogDraft?> DraftAsync(CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, DraftRow, cancellationToken: cancellationToken);
        return row.HasValue ? new CatalogDraft(row.Value!.GetString("Json") ?? "", row.Value.GetDateTimeOffset("UpdatedAt") ?? default, row.Value.ETag) : null;
    }

    /// <summary>Writes the draft, replacing any other: the draft is a scratch space, the published versions are what is kept.</summary>
    public async Task<CatalogDraft> PutDraftAsync(string json, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, DraftRow) { ["Json"] = json, ["UpdatedAt"] = now };
        var response = await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        return new CatalogDraft(json, now, response.Headers.ETag ?? default);
    }

    private static TableEntity VersionRow(int version, string json, DateTimeOffset now, string source) =>
        new(Partition, VersionKey(version)) { ["Version"] = version, ["Json"] = json, ["PublishedAt"] = now, ["Source"] = source };

    private static StoredCatalogVersion FromRow(TableEntity row) =>
        new(row.GetInt32("Version") ?? 0, row.GetString("Json") ?? "", row.GetDateTimeOffset("PublishedAt") ?? default, row.GetString("Source") ?? "api");

    // Zero-padded so the rows sort by number.
    private static string VersionKey(int version) => VersionPrefix + version.ToString("D10", CultureInfo.InvariantCulture);
}
