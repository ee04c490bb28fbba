using Onboarding.Domain;
using Onboarding.Domain.Catalog;

namespace Onboarding.Functions.Catalog;

public static class CatalogSetup
{
    /// <summary>A JSON file that replaces the shipped catalog.</summary>
    public const string PathSetting = "ONBOARDING_CATALOG_PATH";

    /// <summary>Per-task switches: <c>Catalog__Tasks__view_reports__IsActive=false</c>.</summary>
    public const string TaskOverridesSection = "Catalog:Tasks";

    /// <summary>
    /// The catalog file (shipped or replaced, with per-task overrides), validated when the app starts: it seeds version 1 of
    /// the published versions (<see cref="CatalogVersions"/>), which organizations are onboarded with.
    /// </summary>
    public static IServiceCollection AddOnboardingCatalog(this IServiceCollection services)
    {
        services.AddSingleton(provider => Load(provider.GetRequiredService<IConfiguration>()));
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section);
        services.AddSingleton<CatalogVersionStore>();
        services.AddSingleton<CatalogVersions>();
        services.AddSingleton<CatalogDraftValidator>();
        services.AddSingleton<ITimeZoneDirectory, SystemTimeZoneDirectory>();
        // A bad catalog stops start-up instead of the first request.
        services.AddStartupCheck(provider => provider.GetRequiredService<OnboardingCatalog>());
        return services;
    }

    public static OnboardingCatalog Load(IConfiguration configuration) => WithOverrides(CatalogJson.Parse(FileJson(configuration)), configuration);

    /// <summary>The catalog file's text: <see cref="PathSetting"/>'s file, or the shipped default.</summary>
    public static string FileJson(IConfiguration configuration)
    {
        var path = configuration[PathSetting];
        try
        {
            return string.IsNullOrEmpty(path) ? DefaultCatalog.Json : File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new CatalogException($"{PathSetting} names '{path}', which cannot be read: {e.Message}");
        }
    }

    /// <summary>
    /// The deployment's per-task switches applied to <paramref name="catalog"/>. Not <paramref name="strict"/> (a published
    /// version), a switch for a task the version does not have is left out instead of refused.
    /// </summary>
    public static OnboardingCatalog WithOverrides(OnboardingCatalog catalog, IConfiguration configuration, bool strict = true)
    {
        var overrides = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var task in configuration.GetSection(TaskOverridesSection).GetChildren())
        {
            var value = task["IsActive"];
            overrides[task.Key] = bool.TryParse(value, out var active)
                ? active
                : throw new CatalogException($"{TaskOverridesSection}:{task.Key}:IsActive must be true or false, not '{value}'.");
        }
        return catalog.WithTaskActivity(strict ? overrides : overrides.Where(o => catalog.ChecklistTask(o.Key) is not null).ToDictionary());
    }
}

/// <summary>The system's IANA zone database (Windows-style ids are refused).</summary>
public sealed class SystemTimeZoneDirectory : ITimeZoneDirectory
{
    public TimeZoneInfo? FindIana(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId ? zone : null;
}
