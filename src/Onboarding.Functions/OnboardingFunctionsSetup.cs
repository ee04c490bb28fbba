using Onboarding.Functions.Analytics;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Catalog;
using Onboarding.Functions.Erasure;
using Onboarding.Functions.Events;
using Onboarding.Functions.Export;
using Onboarding.Functions.Health;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Privacy;
using Onboarding.Functions.SampleData;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Telemetry;
using Onboarding.Functions.Webhooks;
using Onboarding.Functions.Http;

namespace Onboarding.Functions;

public static class OnboardingFunctionsSetup
{
    /// <summary>Every service the functions use, in the order their settings are checked at start-up.</summary>
    public static IServiceCollection AddOnboardingFunctions(this IServiceCollection services)
    {
        // Settings checked at start-up come first: a bad catalog or auth setting stops the app before storage work begins.
        services.AddStartupCheck(_ => FunctionAccessPolicies.RequireDeclarations(typeof(OnboardingFunctionsSetup).Assembly));
        services.AddOnboardingCatalog();
        services.AddOnboardingAuth();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOnboardingMetrics();
        services.AddOnboardingStorage();
        services.AddPseudonyms();
        services.AddOrganizations();
        services.AddOnboardingHttp();
        services.AddOnboardingEvents();
        services.AddSampleData();
        services.AddSingleton<OrganizationExport>();
        services.AddErasure();
        services.AddAnalytics();
        services.AddWebhooks();
        services.AddSingleton<StorageHealthProbe>();
        return services;
    }
}
