namespace Onboarding.Functions.Http;

/// <summary>
/// The JSON body an HTTP function reads, for the OpenAPI document: a C# type, or a named schema of the document
/// (<see cref="OpenApiSchemas"/>) where the shape comes from the catalog or the event contract.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AcceptsJsonAttribute : Attribute
{
    public AcceptsJsonAttribute(Type bodyType) => BodyType = bodyType;

    public AcceptsJsonAttribute(string schemaName) => SchemaName = schemaName;

    public Type? BodyType { get; }

    public string? SchemaName { get; }

    /// <summary>False when the body may be left out.</summary>
    public bool Required { get; init; } = true;
}
