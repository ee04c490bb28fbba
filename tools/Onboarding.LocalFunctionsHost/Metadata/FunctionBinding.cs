using System.Text.Json.Nodes;

namespace Onboarding.LocalFunctionsHost.Metadata;

public enum BindingDirection
{
    In,
    Out,
    InOut,
}

/// <summary>One binding of a function, as the worker or functions.metadata describes it (the raw JSON kept for its properties).</summary>
public sealed record FunctionBinding(string Name, string Type, BindingDirection Direction, string? DataType, JsonObject Raw)
{
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    public bool IsType(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    public string? Text(string property) => Find(property) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public bool? Flag(string property) => Find(property) switch
    {
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value when value.TryGetValue<string>(out var text) && bool.TryParse(text, out var parsed) => parsed,
        _ => null,
    };

    public IReadOnlyList<string>? List(string property) => Find(property) is JsonArray array
        ? array.Select(item => item?.GetValue<string>() ?? "").ToList()
        : null;

    private JsonNode? Find(string property) =>
        Raw.FirstOrDefault(pair => string.Equals(pair.Key, property, StringComparison.OrdinalIgnoreCase)).Value;

    public static FunctionBinding Parse(JsonObject raw)
    {
        string Required(string name) =>
            raw.FirstOrDefault(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.GetValue<string>()
            ?? throw new InvalidDataException($"A binding has no '{name}'.");
        var direction = Required("direction").ToLowerInvariant() switch
        {
            "in" => BindingDirection.In,
            "out" => BindingDirection.Out,
            "inout" => BindingDirection.InOut,
            var other => throw new InvalidDataException($"Unknown binding direction '{other}'."),
        };
        var binding = new FunctionBinding(Required("name"), Required("type"), direction, null, raw);
        return binding with { DataType = binding.Text("dataType") };
    }
}
