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

    /// <summary>
    /// Replaces each <c>%NAME%</c> with the setting NAME, once, left to right, as the host resolves binding expressions:
    /// a substituted value is not resolved again (so a setting that names itself cannot recurse).
    /// </summary>
    public string Resolve(string text)
    {
        var resolved = new System.Text.StringBuilder();
        var position = 0;
        while (true)
        {
            var start = text.IndexOf('%', position);
            var end = start < 0 ? -1 : text.IndexOf('%', start + 1);
            if (end < 0)
            {
                return resolved.Append(text, position, text.Length - position).ToString();
            }
            var name = text[(start + 1)..end];
            var value = Get(name) ?? throw new InvalidOperationException($"The app setting '{name}' referenced as '%{name}%' is not set.");
            resolved.Append(text, position, start - position).Append(value);
            position = end + 1;
        }
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
