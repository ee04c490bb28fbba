using Onboarding.Domain;
using Onboarding.Domain.Catalog;

namespace Onboarding.Functions.Catalog;

public static class CatalogSetup
{
    /// <summary>A JSON file that replaces the shipped catalog.</summary>
    public const string PathSetting = "ONBOARDING_CATALOG_PATH";

    /// <summary>Per-task switches: <c>Catalog__Tasks__view_reports__IsActive=false</c>.</summary>
    public const string TaskOverridesSection = "Catalog:Tasks";

    /// <summary>The catalog (shipped or replaced, with per-task overrides), validated when the app starts.</summary>
    public static IServiceCollection AddOnboardingCatalog(this IServiceCollection services)
    {
        services.AddSingleton(provider => Load(provider.GetRequiredService<IConfiguration>()));
        services.AddSingleton<ITimeZoneDirectory, SystemTimeZoneDirectory>();
        services.AddHostedService<CatalogStartupCheck>();
        return services;
    }

    public static OnboardingCatalog Load(IConfiguration configuration)
    {
        var path = configuration[PathSetting];
        string json;
        try
        {
            json = string.IsNullOrEmpty(path) ? DefaultCatalog.Json : File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new CatalogException($"{PathSetting} names '{path}', which cannot be read: {e.Message}");
        }
        var overrides = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var task in configuration.GetSection(TaskOverridesSection).GetChildren())
        {
            var value = task["IsActive"];
            overrides[task.Key] = bool.TryParse(value, out var active)
                ? active
                : throw new CatalogException($"{TaskOverridesSection}:{task.Key}:IsActive must be true or false, not '{value}'.");
        }
        return CatalogJson.Parse(json).WithTaskActivity(overrides);
    }

    /// <summary>Loads the catalog as the app starts, so a bad catalog stops start-up instead of the first request.</summary>
    private sealed class CatalogStartupCheck(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<OnboardingCatalog>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>The system's IANA zone database (Windows-style ids are refused).</summary>
public sealed class SystemTimeZoneDirectory : ITimeZoneDirectory
{
    public TimeZoneInfo? FindIana(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId ? zone : null;
}
