using System.Text.Json;

namespace Onboarding.LocalFunctionsHost.Configuration;

/// <summary>The <c>description</c> of worker.config.json, which the Worker SDK writes into the app folder.</summary>
public sealed record WorkerConfig(string DefaultExecutablePath, string DefaultWorkerPath, bool WorkerIndexing, string Language)
{
    public static WorkerConfig Load(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "worker.config.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The app folder has no worker.config.json; is it an isolated-worker build output?", path);
        }
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var description = document.RootElement.GetProperty("description");
        string Text(string name, string fallback) =>
            description.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : fallback;
        var indexing = description.TryGetProperty("workerIndexing", out var flag) &&
            (flag.ValueKind == JsonValueKind.True || (flag.ValueKind == JsonValueKind.String && string.Equals(flag.GetString(), "true", StringComparison.OrdinalIgnoreCase)));
        return new WorkerConfig(Text("defaultExecutablePath", "dotnet"), Text("defaultWorkerPath", ""), indexing, Text("language", "dotnet-isolated"));
    }
}
