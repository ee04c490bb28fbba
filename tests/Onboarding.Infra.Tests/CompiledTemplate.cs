using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Onboarding.Infra.Tests;

/// <summary>infra/main.bicep compiled once per test run, and ways to look into the ARM JSON.</summary>
public sealed class CompiledTemplate
{
    private static readonly Lazy<CompiledTemplate> Once = new(() => new CompiledTemplate());

    public static CompiledTemplate Instance => Once.Value;

    private CompiledTemplate()
    {
        Build = BicepCli.Run("build", BicepCli.MainTemplate, "--stdout");
        if (Build.ExitCode == 0)
        {
            Root = JsonNode.Parse(Build.StandardOutput)!.AsObject();
        }
    }

    public BicepRun Build { get; }

    public JsonObject? Root { get; }

    public JsonObject Template => Root ?? throw new InvalidOperationException($"bicep build failed: {Build}");

    /// <summary>Every resource of the template and of the modules' nested templates.</summary>
    public IEnumerable<JsonObject> Resources() => ResourcesOf(Template);

    public IEnumerable<JsonObject> Resources(string type) =>
        Resources().Where(resource => string.Equals((string?)resource["type"], type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The nested template of the module deployed under this name.</summary>
    public JsonObject Module(string deploymentName) =>
        Resources("Microsoft.Resources/deployments")
            .Single(deployment => (string?)deployment["name"] == deploymentName)["properties"]!["template"]!.AsObject();

    /// <summary>A node as readable text: an ARM expression string as written, anything else as unescaped JSON.</summary>
    public static string Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : node?.ToJsonString(ReadableJson) ?? "";

    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static IEnumerable<JsonObject> ResourcesOf(JsonObject template)
    {
        // Bicep writes an array, or an object keyed by symbolic name (language version 2.0).
        var resources = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject keyed => keyed.Select(entry => entry.Value).OfType<JsonObject>(),
            _ => [],
        };
        foreach (var resource in resources)
        {
            yield return resource;
            // A resource's properties may be one expression string (e.g. union(...) of app settings).
            if (resource["properties"] is JsonObject properties && properties["template"] is JsonObject nested)
            {
                foreach (var inner in ResourcesOf(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}
