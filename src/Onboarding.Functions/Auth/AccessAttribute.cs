namespace Onboarding.Functions.Auth;

/// <summary>
/// Who may call an HTTP function. Every HTTP function declares it on its method; <see cref="AccessMiddleware"/>
/// enforces it, and a function without it is refused at start-up.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AccessAttribute(AccessLevel level) : Attribute
{
    public AccessLevel Level { get; } = level;
}
