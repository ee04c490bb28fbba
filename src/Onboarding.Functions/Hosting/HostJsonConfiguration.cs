using System.Text.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace Onboarding.Functions.Hosting;

/// <summary>
/// Loads host.json into configuration under <c>AzureFunctionsJobHost</c>, below every other source,
/// so that app settings such as <c>AzureFunctionsJobHost__extensions__queues__maxDequeueCount</c>
/// override it the way they override the real host's.
/// </summary>
public static class HostJsonConfiguration
{
    public const string Section = "AzureFunctionsJobHost";
    public const string FileName = "host.json";

    public static IConfigurationBuilder AddHostJson(this IConfigurationManager configuration, string contentRoot)
    {
        var path = new[] { AppContext.BaseDirectory, contentRoot }
            .Select(folder => Path.Combine(folder, FileName))
            .FirstOrDefault(File.Exists);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (path is not null)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            Flatten(json.RootElement, Section, values);
        }
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = values });
        return configuration;
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string?> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix + ":" + property.Name, values);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, prefix + ":" + index++, values);
                }
                break;
            case JsonValueKind.String:
                values[prefix] = element.GetString();
                break;
            default:
                values[prefix] = element.GetRawText();
                break;
        }
    }

    /// <summary>Resolves <c>%SETTING%</c> references the way the host does; other text is returned as is.</summary>
    public static string ResolveSetting(this IConfiguration configuration, string value)
    {
        if (value.Length > 2 && value[0] == '%' && value[^1] == '%')
        {
            var name = value[1..^1];
            return configuration[name] is { Length: > 0 } resolved
                ? resolved
                : throw new InvalidOperationException($"App setting '{name}' is referenced as %{name}% but is not set.");
        }
        return value;
    }
}
