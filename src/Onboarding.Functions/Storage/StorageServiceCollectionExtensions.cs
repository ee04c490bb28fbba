using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Onboarding.Functions.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Storage clients for the <c>AzureWebJobsStorage</c> connection (and any other a trigger names),
    /// and the start-up creation of the app's tables and queues.
    /// </summary>
    public static IServiceCollection AddOnboardingStorage(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new StorageClientOptions());
        services.TryAddSingleton<StorageAccounts>();
        services.TryAddSingleton<StorageInitializer>();
        services.AddHostedService(provider => provider.GetRequiredService<StorageInitializer>());
        return services;
    }
}
