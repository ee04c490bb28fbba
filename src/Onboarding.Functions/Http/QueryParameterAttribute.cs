namespace Onboarding.Functions.Http;

/// <summary>A query parameter an HTTP function reads, for the OpenAPI document (a JSON Schema type and format).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class QueryParameterAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    public bool Required { get; init; }

    public string Type { get; init; } = "string";

    public string? Format { get; init; }
}
