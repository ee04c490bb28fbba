using System.Diagnostics;
using Onboarding.LocalFunctionsHost.Configuration;

namespace Onboarding.LocalFunctionsHost.Worker;

/// <summary>
/// The command line, environment and working directory the Functions host gives a dotnet-isolated
/// worker: <c>dotnet "&lt;app&gt;/&lt;asm&gt;.dll"</c> plus both the old and the current argument sets.
/// </summary>
public static class WorkerCommandLine
{
    private const string MaxMessageLength = "2147483647";

    public static ProcessStartInfo Create(string appDirectory, WorkerConfig config, Uri grpcUri, string workerId, AppSettings settings)
    {
        var requestId = Guid.NewGuid().ToString();
        var workerPath = Path.GetFullPath(Path.Combine(appDirectory, config.DefaultWorkerPath));
        var executable = config.DefaultExecutablePath.Replace("{WorkerRoot}", appDirectory.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = appDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        // A self-contained worker is its own executable; a framework-dependent one is run by dotnet.
        if (string.Equals(Path.GetFileNameWithoutExtension(executable), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(workerPath);
        }
        foreach (var argument in new[]
        {
            "--host", grpcUri.Host, "--port", grpcUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--workerId", workerId, "--requestId", requestId, "--grpcMaxMessageLength", MaxMessageLength,
            "--functions-uri", grpcUri.ToString(), "--functions-worker-id", workerId,
            "--functions-request-id", requestId, "--functions-grpc-max-message-length", MaxMessageLength,
        })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in settings.Values)
        {
            start.Environment[name] = value;
        }
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory;
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        start.Environment["AzureWebJobsScriptRoot"] = appDirectory;
        start.Environment["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development";
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = settings.Get("FUNCTIONS_WORKER_RUNTIME") ?? config.Language;
        start.Environment["DOTNET_NOLOGO"] = "true";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "true";
        return start;
    }
}
