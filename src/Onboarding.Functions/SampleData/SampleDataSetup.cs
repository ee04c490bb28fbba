
namespace Onboarding.Functions.SampleData;

public static class SampleDataSetup
{
    /// <summary>Demo data: generation and clearing, and the nightly purge on <c>%PURGE_SCHEDULE%</c>.</summary>
    public static IServiceCollection AddSampleData(this IServiceCollection services)
    {
        services.AddOptions<SampleDataOptions>().BindConfiguration(SampleDataOptions.Section)
            .Validate(o => o.ExpiryDays > 0 && o.PurgeMaxOrganizationsPerRun > 0 && o.PurgeTimeBudgetSeconds > 0,
                "SampleData: ExpiryDays, PurgeMaxOrganizationsPerRun and PurgeTimeBudgetSeconds must be positive.")
            .ValidateOnStart();
        services.AddSingleton<SampleDataStore>();
        services.AddSingleton<SampleDataService>();
        return services;
    }
}
