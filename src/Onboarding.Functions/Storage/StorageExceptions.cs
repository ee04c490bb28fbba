using Azure;

namespace Onboarding.Functions.Storage;

/// <summary>
/// An insert answered 409 EntityAlreadyExists after the pipeline had retried it: the first attempt
/// most likely committed and only its reply was lost, so callers may treat it as success.
/// </summary>
public sealed class EntityAlreadyExistsAfterRetryException(Response response)
    : RequestFailedException(response, null, StorageErrorParser.Instance);

/// <summary>
/// An entity-group transaction failed; nothing of it was written. <see cref="FailedTransactionActionIndex"/>
/// names the action the service refused, when it said.
/// </summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    internal TableTransactionFailedException(int status, string? errorCode, string message, int? failedIndex, bool afterRetry)
        : base(status, message, errorCode, null)
    {
        FailedTransactionActionIndex = failedIndex;
        AfterRetry = afterRetry;
    }

    /// <summary>The zero-based index of the refused action.</summary>
    public int? FailedTransactionActionIndex { get; }

    /// <summary>The transaction had been retried; an "already exists" may mean an earlier attempt committed.</summary>
    public bool AfterRetry { get; }
}
