using System.Text;
using Azure;
using Azure.Core;

namespace Onboarding.Functions.Storage;

public sealed partial class TableClient
{
    /// <summary>The most actions one entity-group transaction may hold.</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>
    /// Submits an entity-group transaction: all actions commit or none does. Refused before sending
    /// when it is empty, holds more than 100 actions, spans partitions (Azurite would accept that,
    /// Azure would not) or names an entity twice. On failure throws
    /// <see cref="TableTransactionFailedException"/> with the failing action's index.
    /// </summary>
    public async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        var actions = transactionActions.ToList();
        ValidateTransaction(actions);

        var batchBoundary = "batch_" + Guid.NewGuid().ToString("D");
        var body = TableBatchFormat.WriteRequest(batchBoundary, "changeset_" + Guid.NewGuid().ToString("D"), Uri, actions);
        using var message = CreateMessage(RequestMethod.Post, "/$batch");
        message.Request.Headers.SetValue("Content-Type", "multipart/mixed; boundary=" + batchBoundary);
        message.Request.Content = RequestContent.Create(body);

        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 202)
        {
            throw TransactionFailure(StorageErrorParser.Exception(response), null, message);
        }

        var parts = TableBatchFormat.ReadResponse(Encoding.UTF8.GetString(response.Content.ToMemory().Span));
        var failed = parts.Select((part, index) => (part, index)).FirstOrDefault(p => p.part.Status >= 400);
        if (failed.part is not null)
        {
            var error = StorageErrorParser.Exception(failed.part);
            // The service names the action in its message ("1:The specified entity already exists.").
            var index = TableBatchFormat.FailedIndex(StorageErrorParser.ReadBody(failed.part).Message)
                ?? (parts.Count == actions.Count ? failed.index : null);
            throw TransactionFailure(error, index, message);
        }
        if (parts.Count != actions.Count)
        {
            throw new TableTransactionFailedException(response.Status, null,
                $"The transaction answer held {parts.Count} responses for {actions.Count} actions.", null, false);
        }
        return Response.FromValue<IReadOnlyList<Response>>(parts, response);
    }

    private static TableTransactionFailedException TransactionFailure(RequestFailedException error, int? index, HttpMessage message)
    {
        var detail = StorageErrorParser.ReadBody(error.GetRawResponse()!).Message ?? error.Message;
        var where = index is null ? "" : $" at action {index}";
        return new TableTransactionFailedException(error.Status, error.ErrorCode,
            $"Transaction failed{where}: {error.ErrorCode} {detail}".TrimEnd(), index, AttemptCounterPolicy.WasRetried(message));
    }

    private static void ValidateTransaction(List<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
        {
            throw new ArgumentException("A transaction needs at least one action.", nameof(actions));
        }
        if (actions.Count > MaxTransactionActions)
        {
            throw new ArgumentException($"A transaction holds at most {MaxTransactionActions} actions; this one has {actions.Count}.", nameof(actions));
        }
        var partition = actions[0].Entity.PartitionKey;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var entity = actions[i].Entity;
            ValidateKeys(entity);
            if (!string.Equals(entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new ArgumentException($"A transaction stays in one partition: action {i} is in '{entity.PartitionKey}', action 0 in '{partition}'.", nameof(actions));
            }
            if (!seen.Add(entity.RowKey))
            {
                throw new ArgumentException($"Action {i} names RowKey '{entity.RowKey}' a second time; a transaction touches each entity once.", nameof(actions));
            }
        }
    }
}
