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
