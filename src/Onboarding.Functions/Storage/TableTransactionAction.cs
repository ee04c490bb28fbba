using Azure;

namespace Onboarding.Functions.Storage;

/// <summary>What one action of an entity-group transaction does.</summary>
public enum TableTransactionActionType
{
    Add,
    UpdateMerge,
    UpdateReplace,
    Delete,
    UpsertMerge,
    UpsertReplace,
}

/// <summary>
/// One action of an entity-group transaction. Update and delete use <paramref name="ETag"/> as
/// If-Match (a default ETag means unconditional, <c>*</c>).
/// </summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag ETag = default);
