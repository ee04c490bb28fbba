using System.Text.Json;

namespace Onboarding.LocalFunctionsHost.Tests.Infrastructure;

/// <summary>What the test worker's functions recorded: one JSON file per invocation and kind (started, done, tick).</summary>
public sealed class Observations(string directory)
{
    public string Directory { get; } = directory;

    public IReadOnlyList<JsonElement> Read(string kind) =>
        System.IO.Directory.GetFiles(Directory, $"{kind}-*.json")
            .Select(path => JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone())
            .ToList();

    /// <summary>Waits until the observations of a kind satisfy the condition; the timeout only bounds a broken run.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForAsync(string kind, Func<IReadOnlyList<JsonElement>, bool> condition, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var observations = Read(kind);
            if (condition(observations))
            {
                return observations;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The '{kind}' observations did not reach the expected state; {observations.Count} seen: {string.Join(" | ", observations.Select(o => o.GetRawText()))}");
            }
            await Task.Delay(100);
        }
    }
}
