using Microsoft.Extensions.Configuration;

namespace Onboarding.LocalFunctionsHost.Configuration;

/// <summary>
/// The app's host.json as configuration, with <c>AzureFunctionsJobHost__section__key</c> app settings
/// overriding it the way the Functions host allows.
/// </summary>
public sealed class HostJson(IConfiguration configuration)
{
    private const string OverridePrefix = "AzureFunctionsJobHost__";

    public IConfiguration Configuration { get; } = configuration;

    /// <summary><c>extensions.http.routePrefix</c>; <c>api</c> when absent, empty allowed.</summary>
    public string RoutePrefix => (Configuration["extensions:http:routePrefix"] ?? "api").Trim('/');

    /// <summary>
    /// <c>functionTimeout</c>: 30 minutes when absent (the host's default outside the classic Consumption plan, Flex
    /// Consumption included); <c>-1</c> means none; otherwise at least 1 second. Null means no timeout.
    /// </summary>
    public TimeSpan? FunctionTimeout
    {
        get
        {
            var text = Configuration["functionTimeout"]?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return TimeSpan.FromMinutes(30);
            }
            if (!TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var timeout))
            {
                throw new FormatException($"host.json functionTimeout '{text}' is not a time span.");
            }
            if (timeout == TimeSpan.FromDays(-1))
            {
                return null;
            }
            return timeout >= TimeSpan.FromSeconds(1) ? timeout : throw new FormatException($"host.json functionTimeout must be at least 00:00:01 (it is '{text}').");
        }
    }

    public static HostJson Load(string appDirectory, AppSettings settings)
    {
        var path = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The app folder has no host.json.", path);
        }
        var overrides = settings.Values
            .Where(setting => setting.Key.StartsWith(OverridePrefix, StringComparison.OrdinalIgnoreCase))
            .Select(setting => KeyValuePair.Create<string, string?>(setting.Key[OverridePrefix.Length..].Replace("__", ":", StringComparison.Ordinal), setting.Value));
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(path, optional: false, reloadOnChange: false)
            .AddInMemoryCollection(overrides)
            .Build();
        return new HostJson(configuration);
    }
}
