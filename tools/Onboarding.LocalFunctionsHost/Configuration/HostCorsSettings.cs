using System.Text.Json;

namespace Onboarding.LocalFunctionsHost.Configuration;

/// <summary>
/// The <c>Host</c> section of local.settings.json as Core Tools reads it for CORS: <c>CORS</c>, a
/// comma-separated list of allowed origins (<c>*</c> alone allows any), and <c>CORSCredentials</c>.
/// No origins means no CORS at all, as with <c>func start</c>.
/// </summary>
public sealed record HostCorsSettings(IReadOnlyList<string> AllowedOrigins, bool SupportCredentials)
{
    public static HostCorsSettings None { get; } = new([], false);

    public bool Enabled => AllowedOrigins.Count > 0;

    public static HostCorsSettings Load(HostStartupOptions options)
    {
        var file = options.SettingsFilePath;
        if (!File.Exists(file))
        {
            return None;
        }
        using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("Host", out var host) || host.ValueKind != JsonValueKind.Object)
        {
            return None;
        }
        var origins = host.TryGetProperty("CORS", out var cors) && cors.ValueKind == JsonValueKind.String
            ? cors.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        // Core Tools only reads the credentials flag when origins are set.
        return origins.Length == 0 ? None : new HostCorsSettings(origins, IsTrue(host, "CORSCredentials"));
    }

    private static bool IsTrue(JsonElement host, string name) =>
        host.TryGetProperty(name, out var value) && (value.ValueKind == JsonValueKind.True
            || (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var parsed) && parsed));
}
