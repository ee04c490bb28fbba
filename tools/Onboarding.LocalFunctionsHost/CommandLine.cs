using System.Globalization;
using Onboarding.LocalFunctionsHost.Configuration;

namespace Onboarding.LocalFunctionsHost;

/// <summary>The host's command line: the app folder, then <c>--settings</c> and <c>--port</c> (default from <c>LOCAL_FUNCTIONS_HOST_PORT</c>, else 7071).</summary>
public static class CommandLine
{
    public static HostStartupOptions? Parse(string[] args)
    {
        string? appDirectory = null;
        string? settingsFile = null;
        var port = int.TryParse(Environment.GetEnvironmentVariable("LOCAL_FUNCTIONS_HOST_PORT"), CultureInfo.InvariantCulture, out var fromEnvironment) ? fromEnvironment : 7071;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--settings" when i + 1 < args.Length:
                    settingsFile = args[++i];
                    break;
                case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var parsed):
                    port = parsed;
                    i++;
                    break;
                case var value when !value.StartsWith("--", StringComparison.Ordinal) && appDirectory is null:
                    appDirectory = value;
                    break;
                default:
                    return null;
            }
        }
        return appDirectory is null ? null : new HostStartupOptions { AppDirectory = appDirectory, SettingsFile = settingsFile, HttpPort = port };
    }
}
