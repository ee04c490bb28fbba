namespace Onboarding.Functions.Http;

/// <summary>What a function that answers an untyped <see cref="IResult"/> sends on success, for the OpenAPI document.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ContentResponseAttribute(string contentType, string description) : Attribute
{
    public string ContentType { get; } = contentType;

    public string Description { get; } = description;
}
