using Azure;
using Azure.Data.Tables;

namespace Onboarding.Functions.Erasure;

/// <summary>
/// The extension point of erasure: one implementation per table (or row type) outside the organization's own
/// partition that holds rows identifying the organization. Every implementation registered in DI
/// (<c>services.AddSingleton&lt;IOrganizationDataEraser, MyEraser&gt;()</c>) runs, in registration order, before
/// <see cref="OrganizationErasure"/> deletes the organization's partition, so it can still read there what it
/// needs to find its rows (event days, the state). Each must be idempotent (a row already gone is not an error)
/// and may stop early when <see cref="ErasureContext.OutOfTime"/>, returning false; the erasure then runs it
/// again, from its saved <see cref="ErasureContext.Checkpoint"/>, on the next attempt.
/// </summary>
public interface IOrganizationDataEraser
{
    /// <summary>A stable name: the erasure's progress (which erasers are done) is recorded by it.</summary>
    string Name { get; }

    /// <summary>Deletes this eraser's rows of <see cref="ErasureContext.OrganizationId"/>; false when it ran out of time first.</summary>
    Task<bool> EraseAsync(ErasureContext context, CancellationToken cancellationToken);
}

/// <summary>What an <see cref="IOrganizationDataEraser"/> is given: the organization, its partition to read, the time left, a checkpoint.</summary>
public sealed class ErasureContext(
    string organizationId,
    TableClient organizations,
    TableEntity? state,
    string? checkpoint,
    Func<string?, CancellationToken, Task> saveCheckpoint,
    Func<bool> outOfTime)
{
    public string OrganizationId { get; } = organizationId;

    /// <summary>The organization's <c>profile|state</c> row as it stood when this attempt began (null when it has none).</summary>
    public TableEntity? State { get; } = state;

    /// <summary>Where this eraser stopped last time (what it saved with <see cref="SaveCheckpointAsync"/>); null on its first run.</summary>
    public string? Checkpoint { get; private set; } = checkpoint;

    public bool OutOfTime => outOfTime();

    /// <summary>Records how far this eraser got, so an interrupted erasure resumes there instead of at the start.</summary>
    public async Task SaveCheckpointAsync(string? checkpoint, CancellationToken cancellationToken)
    {
        await saveCheckpoint(checkpoint, cancellationToken);
        Checkpoint = checkpoint;
    }

    /// <summary>
    /// The organization's rows whose RowKey starts with <paramref name="prefix"/> and sorts after
    /// <paramref name="after"/>, page by page in RowKey order (only the <paramref name="select"/>ed columns).
    /// </summary>
    public IAsyncEnumerable<Page<TableEntity>> OrganizationRowsAsync(string prefix, string? after, IEnumerable<string> select, CancellationToken cancellationToken)
    {
        var upperBound = prefix[..^1] + (char)(prefix[^1] + 1);
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {OrganizationId} and RowKey ge {prefix} and RowKey lt {upperBound}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {OrganizationId} and RowKey gt {after} and RowKey lt {upperBound}");
        return organizations.QueryAsync<TableEntity>(filter, maxPerPage: 100, select: [.. select.Union(["PartitionKey", "RowKey"])], cancellationToken: cancellationToken).AsPages();
    }
}
