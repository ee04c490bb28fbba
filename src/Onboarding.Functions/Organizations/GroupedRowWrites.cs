using Azure;
using Azure.Data.Tables;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Organizations;

/// <summary>
/// Independent one-row writes to one table, sent together when they come together (group commit): a write that finds
/// nothing in flight goes at once, on its own; those that arrive while a request is out wait for it and then go as one
/// entity-group transaction per partition. Each caller's task completes when its row is written, so the order of a
/// caller's steps is what it was; a transaction that fails (one row it deletes is gone already, storage refused) is
/// sent again row by row, so each caller gets its own row's outcome. Two writes of one row never go in one round (a
/// transaction may not name a row twice, and row by row their order would be lost): the later waits for the next.
/// Deleting a row that is not there is done, not an error (the table client's delete answers so).
/// </summary>
public sealed class GroupedRowWrites(TableClient table)
{
    private readonly Lock gate = new();
    private List<Pending> queued = [];
    private bool sending;

    public Task UpsertAsync(TableEntity row, CancellationToken cancellationToken) =>
        WriteAsync(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row), cancellationToken);

    public Task DeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        WriteAsync(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey), ETag.All), cancellationToken);

    private Task WriteAsync(TableTransactionAction action, CancellationToken cancellationToken)
    {
        var write = new Pending(action, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool send;
        lock (gate)
        {
            queued.Add(write);
            send = !sending;
            sending = true;
        }
        if (send)
        {
            _ = SendAsync();
        }
        // The request goes on for the others if this caller stops waiting.
        return write.Written.Task.WaitAsync(cancellationToken);
    }

    private async Task SendAsync()
    {
        while (true)
        {
            List<Pending> writes;
            lock (gate)
            {
                if (queued.Count == 0)
                {
                    sending = false;
                    return;
                }
                (writes, queued) = OneRoundOf(queued);
            }
            try
            {
                await Task.WhenAll(writes
                    .GroupBy(write => write.Action.Entity.PartitionKey, StringComparer.Ordinal)
                    .SelectMany(partition => partition.Chunk(OnboardingStorage.MaxTransactionActions))
                    .Select(SendAsync));
            }
            catch (Exception e)
            {
                // Never expected (each write's outcome is caught above); but no write may wait for ever, nor stop the next ones.
                foreach (var write in writes)
                {
                    write.Written.TrySetException(e);
                }
            }
        }
    }

    /// <summary>The writes of one round, in order, each row at most once; a later write of a row already in it waits for the next round.</summary>
    private static (List<Pending> Round, List<Pending> Later) OneRoundOf(List<Pending> queued)
    {
        var rows = new HashSet<(string, string)>();
        var round = new List<Pending>(queued.Count);
        var later = new List<Pending>();
        foreach (var write in queued)
        {
            var entity = write.Action.Entity;
            (rows.Add((entity.PartitionKey, entity.RowKey)) ? round : later).Add(write);
        }
        return (round, later);
    }

    private async Task SendAsync(Pending[] writes)
    {
        if (writes.Length > 1)
        {
            try
            {
                await table.SubmitTransactionAsync(writes.Select(write => write.Action), CancellationToken.None);
                foreach (var write in writes)
                {
                    write.Written.TrySetResult();
                }
                return;
            }
            catch (Exception)
            {
                // One row's failure fails them all: each again on its own, for its own outcome.
            }
        }
        await Task.WhenAll(writes.Select(SendAloneAsync));
    }

    private async Task SendAloneAsync(Pending write)
    {
        try
        {
            var entity = write.Action.Entity;
            await (write.Action.ActionType == TableTransactionActionType.Delete
                ? table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, CancellationToken.None)
                : table.UpsertEntityAsync((TableEntity)entity, TableUpdateMode.Replace, CancellationToken.None));
            write.Written.TrySetResult();
        }
        catch (Exception e)
        {
            write.Written.TrySetException(e);
        }
    }

    private sealed record Pending(TableTransactionAction Action, TaskCompletionSource Written);
}
