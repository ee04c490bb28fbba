using System.Text.Json;

namespace TestWorkerApp;

/// <summary>
/// Each invocation writes what it saw as a JSON file into the folder named by OBSERVATIONS_DIR,
/// which the tests read back.
/// </summary>
public static class Observations
{
    public static void Write(string kind, string invocationId, object observation)
    {
        var directory = Environment.GetEnvironmentVariable("OBSERVATIONS_DIR")
            ?? throw new InvalidOperationException("OBSERVATIONS_DIR is not set.");
        var path = Path.Combine(directory, $"{kind}-{invocationId}.json");
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(observation));
        File.Move(temporary, path, overwrite: true);
    }
}
