namespace Onboarding.Domain;

/// <summary>Why a domain operation refused: a stable code, a sentence for people, and its kind.</summary>
public abstract record DomainError(string Code, string Message);

/// <summary>The input breaks field rules; <paramref name="Errors"/> maps each field to its problems.</summary>
public sealed record ValidationFailed(IReadOnlyDictionary<string, string[]> Errors, string Message = "The request has invalid fields.")
    : DomainError("validation_failed", Message);

/// <summary>The request is well formed but the current state does not allow it.</summary>
public sealed record ConflictError(string ConflictCode, string ConflictMessage) : DomainError(ConflictCode, ConflictMessage);

/// <summary>The named thing (a step, task, tutorial) does not exist.</summary>
public sealed record NotFoundError(string NotFoundCode, string NotFoundMessage) : DomainError(NotFoundCode, NotFoundMessage);

/// <summary>A well-formed value the rules cannot accept (beyond a field's own limits).</summary>
public sealed record UnprocessableError(string UnprocessableCode, string UnprocessableMessage) : DomainError(UnprocessableCode, UnprocessableMessage);

/// <summary>Either a value or the error that prevented it.</summary>
public readonly record struct DomainResult<T>
{
    private DomainResult(T? value, DomainError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public DomainError? Error { get; }

    public bool Succeeded => Error is null;

    public static implicit operator DomainResult<T>(T value) => new(value, null);

    public static implicit operator DomainResult<T>(DomainError error) => new(default, error);
}
