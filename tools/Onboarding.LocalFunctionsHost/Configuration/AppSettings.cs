using System.Collections;
using System.Text.Json;

namespace Onboarding.LocalFunctionsHost.Configuration;

/// <summary>
/// The app settings the host and the worker see: local.settings.json <c>Values</c>, then the
/// environment, then explicit overrides, each later source winning, as <c>func start</c> does.
/// </summary>
public sealed class AppSettings(IReadOnlyDictionary<string, string> values)
{
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public string? Get(string name) => Values.TryGetValue(name, out var value) ? value : null;

    /// <summary>Replaces each <c>%NAME%</c> with the setting NAME (as the host resolves binding expressions).</summary>
    public string Resolve(string text)
    {
        var start = text.IndexOf('%');
        if (start < 0)
        {
            return text;
        }
        var end = text.IndexOf('%', start + 1);
        if (end < 0)
        {
            return text;
        }
        var name = text[(start + 1)..end];
        var value = Get(name) ?? throw new InvalidOperationException($"The app setting '{name}' referenced as '%{name}%' is not set.");
        return Resolve(text[..start] + value + text[(end + 1)..]);
    }

    public static AppSettings Load(HostStartupOptions options)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var file = options.SettingsFilePath;
        if (File.Exists(file))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.TryGetProperty("Values", out var settings) && settings.ValueKind == JsonValueKind.Object)
            {
                foreach (var setting in settings.EnumerateObject())
                {
                    values[setting.Name] = setting.Value.ValueKind == JsonValueKind.String ? setting.Value.GetString()! : setting.Value.GetRawText();
                }
            }
        }
        else if (options.SettingsFile is not null)
        {
            throw new FileNotFoundException("The settings file does not exist.", options.SettingsFile);
        }
        if (options.InheritEnvironment)
        {
            foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
            {
                values[(string)variable.Key] = (string?)variable.Value ?? "";
            }
        }
        foreach (var (name, value) in options.SettingOverrides)
        {
            values[name] = value;
        }
        return new AppSettings(values);
    }
}
