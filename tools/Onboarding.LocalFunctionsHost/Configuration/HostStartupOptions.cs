namespace Onboarding.LocalFunctionsHost.Configuration;

/// <summary>What the host is started with: the worker's output folder and where its settings come from.</summary>
public sealed record HostStartupOptions
{
    /// <summary>The worker's build or publish folder (holds host.json, worker.config.json, functions.metadata).</summary>
    public required string AppDirectory { get; init; }

    /// <summary>A local.settings.json; defaults to the one in <see cref="AppDirectory"/> when it exists.</summary>
    public string? SettingsFile { get; init; }

    /// <summary>The settings file read: <see cref="SettingsFile"/>, else local.settings.json in the app folder.</summary>
    public string SettingsFilePath => SettingsFile ?? Path.Combine(AppDirectory, "local.settings.json");

    /// <summary>Port of the public HTTP listener on 127.0.0.1; 0 picks a free one.</summary>
    public int HttpPort { get; init; } = 7071;

    /// <summary>Settings that win over local.settings.json and the environment (tests use them).</summary>
    public IReadOnlyDictionary<string, string> SettingOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the environment's variables are read as settings and passed to the worker.</summary>
    public bool InheritEnvironment { get; init; } = true;
}
