
namespace Onboarding.Functions.Organizations;

public static class OrganizationSetup
{
    /// <summary>Reading and changing organizations' partitions, and the daily projection of their events.</summary>
    public static IServiceCollection AddOrganizations(this IServiceCollection services)
    {
        services.AddSingleton<OrganizationStore>();
        services.AddSingleton<ProfileCache>();
        services.AddSingleton<OrganizationLocks>();
        services.AddSingleton<OrganizationCommitter>();
        services.AddSingleton<EventProjection>();
        services.AddSingleton<PendingProjections>();
        services.AddSingleton<OrganizationChanges>();
        services.AddSingleton<OrganizationUpdates>();
        services.AddSingleton<OnboardingServices>();
        return services;
    }
}
