namespace Onboarding.Functions.Api;

/// <summary>The JSON body an HTTP function reads, for the OpenAPI document (<c>object</c> when its shape varies).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AcceptsJsonAttribute(Type bodyType) : Attribute
{
    public Type BodyType { get; } = bodyType;
}
