using System.Diagnostics;

namespace Onboarding.LocalFunctionsHost.Tests.Infrastructure;

/// <summary>
/// The build output of tests/TestWorkerApp: ONBOARDING_TEST_WORKER_DIR when scripts/test.sh built it,
/// otherwise built here once (Release, into artifacts/test-worker).
/// </summary>
public static class TestWorkerApp
{
    private static readonly Lazy<string> Directory = new(Locate, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string OutputDirectory => Directory.Value;

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("ONBOARDING_TEST_WORKER_DIR") is { Length: > 0 } built)
        {
            return built;
        }
        var root = RepositoryRoot();
        var output = Path.Combine(root, "artifacts", "test-worker");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "build", "tests/TestWorkerApp/TestWorkerApp.csproj", "-c", "Release", "-o", output, "--nologo", "-v", "q", "-p:WarningsNotAsErrors=NU1603" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building the test worker app failed:\n{stdout.Result}\n{stderr.Result}");
        }
        return output;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Onboarding.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Onboarding.sln not found above the test output.");
    }
}
