using System.Diagnostics;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>
/// The function app's build output, which the local Functions host runs as a worker process:
/// ONBOARDING_APP_DIR when scripts/test.sh published it, otherwise built here once (Release, into artifacts/test-app).
/// </summary>
public static class FunctionApp
{
    private static readonly Lazy<string> Located = new(Locate, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Directory => Located.Value;

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Onboarding.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Onboarding.sln not found above the test output.");
    }

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("ONBOARDING_APP_DIR") is { Length: > 0 } built)
        {
            return built;
        }
        var root = RepositoryRoot();
        var output = Path.Combine(root, "artifacts", "test-app");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "build", "src/Onboarding.Functions/Onboarding.Functions.csproj", "-c", "Release", "-o", output, "--nologo", "-v", "q", "-p:WarningsNotAsErrors=NU1603" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building the function app failed:\n{stdout.Result}\n{stderr.Result}");
        }
        return output;
    }
}
