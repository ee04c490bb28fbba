using System.Diagnostics;

namespace Onboarding.Tests.Shared;

/// <summary>
/// The build output of an isolated-worker app a test runs under the local Functions host: the folder an
/// environment variable names (scripts/test.sh builds it first), otherwise built here once into artifacts/.
/// Compiled into each test project that needs it.
/// </summary>
public static class BuiltApp
{
    public static string Locate(string environmentVariable, string project, string outputFolder)
    {
        if (Environment.GetEnvironmentVariable(environmentVariable) is { Length: > 0 } built)
        {
            return built;
        }
        var root = RepositoryRoot();
        var output = Path.Combine(root, "artifacts", outputFolder);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "build", project, "-c", "Release", "-o", output, "--nologo", "-v", "q", "-p:WarningsNotAsErrors=NU1603" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building {project} failed:\n{stdout.Result}\n{stderr.Result}");
        }
        return output;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Onboarding.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Onboarding.sln not found above the test output.");
    }
}
