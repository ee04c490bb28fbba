namespace Onboarding.Functions.Http;

/// <summary>
/// A refusal an HTTP function answers itself (its domain's problems), for the OpenAPI document; the refusals every
/// function shares (access, bodies, If-Match, storage) come from its other declarations.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ProblemResponseAttribute(int status, params string[] codes) : Attribute
{
    public int Status { get; } = status;

    public IReadOnlyList<string> Codes { get; } = codes;
}
