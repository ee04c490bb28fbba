using System.Text.Json.Nodes;

namespace Onboarding.LocalFunctionsHost.Metadata;

/// <summary>Reads functions.metadata, which the Worker SDK writes next to the app; used when worker indexing is off.</summary>
public static class FunctionsMetadataFile
{
    /// <summary>The functions of the file; one whose entry cannot be read is reported to <paramref name="dropped"/> and left out.</summary>
    public static IReadOnlyList<FunctionDefinition> Read(string appDirectory, Func<string, string, bool> dropped)
    {
        var path = Path.Combine(appDirectory, "functions.metadata");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The app folder has no functions.metadata.", path);
        }
        var functions = JsonNode.Parse(File.ReadAllText(path))?.AsArray() ?? throw new InvalidDataException("functions.metadata is empty.");
        var definitions = new List<FunctionDefinition>();
        foreach (var function in functions.OfType<JsonObject>())
        {
            try
            {
                definitions.Add(Parse(function));
            }
            catch (Exception exception) when (IsUnreadable(exception))
            {
                dropped(function["name"]?.ToString() ?? "(unnamed)", exception.Message);
            }
        }
        return definitions;
    }

    /// <summary>What reading a function's metadata throws when its JSON is not what the host expects.</summary>
    public static bool IsUnreadable(Exception exception) =>
        exception is InvalidDataException or System.Text.Json.JsonException or InvalidOperationException or FormatException;

    private static FunctionDefinition Parse(JsonObject function)
    {
        string Text(string name) => function[name]?.GetValue<string>() ?? "";
        var bindings = (function["bindings"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(binding => FunctionBinding.Parse((JsonObject)binding.DeepClone()))
            .ToList();
        var properties = (function["properties"] as JsonObject ?? [])
            .ToDictionary(pair => pair.Key, pair => pair.Value?.ToString() ?? "");
        // With file metadata the host gives each function an id of its own.
        return new FunctionDefinition(Text("name"), Guid.NewGuid().ToString(), Text("scriptFile"), Text("entryPoint"), Text("language"), bindings, properties);
    }
}
