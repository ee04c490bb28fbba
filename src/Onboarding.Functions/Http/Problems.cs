using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Onboarding.Domain;

namespace Onboarding.Functions.Http;

/// <summary>
/// RFC 9457 problem details with a stable <c>type</c> (<c>urn:onboarding:problem:{code}</c>) and the
/// same <c>code</c> as an extension member, so clients can branch on it without parsing prose.
/// </summary>
public static class Problems
{
    public const string TypePrefix = "urn:onboarding:problem:";

    public static ProblemHttpResult Create(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(Details(status, code, title, detail));

    public static ProblemDetails Details(int status, string code, string title, string? detail = null) => new()
    {
        Status = status,
        Type = TypePrefix + code,
        Title = title,
        Detail = detail,
        Extensions = { ["code"] = code },
    };

    /// <summary>400 with per-field <c>errors</c>, as ASP.NET's validation problems carry them.</summary>
    public static ProblemHttpResult Validation(IReadOnlyDictionary<string, string[]> errors, string detail = "One or more fields are invalid.") =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Type = TypePrefix + "validation_failed",
            Title = "Invalid request",
            Detail = detail,
            Extensions = { ["code"] = "validation_failed" },
        });

    public static ProblemHttpResult NotFound(string code, string detail) => Create(StatusCodes.Status404NotFound, code, "Not found", detail);

    public static ProblemHttpResult Conflict(string code, string detail) => Create(StatusCodes.Status409Conflict, code, "Conflict", detail);

    public static ProblemHttpResult PreconditionFailed(string detail = "The resource changed since it was read; read it again and retry with its new ETag.") =>
        Create(StatusCodes.Status412PreconditionFailed, "precondition_failed", "Precondition failed", detail);

    public static ProblemHttpResult Unprocessable(string code, string detail) => Create(StatusCodes.Status422UnprocessableEntity, code, "Unprocessable", detail);

    /// <summary>The HTTP form of a domain refusal.</summary>
    public static ProblemHttpResult From(DomainError error) => error switch
    {
        ValidationFailed validation => Validation(validation.Errors, validation.Message),
        NotFoundError notFound => NotFound(notFound.Code, notFound.Message),
        ConflictError conflict => Conflict(conflict.Code, conflict.Message),
        UnprocessableError unprocessable => Unprocessable(unprocessable.Code, unprocessable.Message),
        _ => Create(StatusCodes.Status400BadRequest, error.Code, "Bad request", error.Message),
    };
}
