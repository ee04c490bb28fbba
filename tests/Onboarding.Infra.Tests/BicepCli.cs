using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Onboarding.Infra.Tests;

/// <summary>
/// The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package, found where restore put it
/// (the path is written into this assembly by the project file from NuGetPackageRoot).
/// </summary>
public static partial class BicepCli
{
    public static string ExecutablePath { get; } = Locate();

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string MainTemplate => Path.Combine(RepositoryRoot, "infra", "main.bicep");

    public static BicepRun Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // No telemetry and no update check: the tests run without network access.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within 2 minutes.");
        }
        process.WaitForExit();
        return new BicepRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "BicepCliPath").Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The Bicep CLI is not at '{path}': restore the project (it downloads Azure.Bicep.CommandLine.linux-x64).");
        }
        // NuGet extracts without keeping the run bit everywhere; the binary needs it. (It is a
        // linux-x64 binary, so on Windows there is nothing to set and nothing that would run.)
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }
        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Onboarding.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No Onboarding.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^.+\(\d+,\d+\) : (Error|Warning|Info) [^:]+:.*$", RegexOptions.Multiline)]
    internal static partial Regex DiagnosticLine();
}

public sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Every compiler or linter diagnostic printed, whatever its level.</summary>
    public IReadOnlyList<string> Diagnostics =>
        BicepCli.DiagnosticLine().Matches(StandardOutput + "\n" + StandardError).Select(match => match.Value.Trim()).ToList();

    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
