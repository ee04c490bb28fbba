using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Onboarding.Functions.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// One <see cref="TableServiceClient"/> and one <see cref="QueueServiceClient"/> for the
    /// <c>AzureWebJobsStorage</c> connection, and the start-up creation of the app's tables and queues.
    /// </summary>
    public static IServiceCollection AddOnboardingStorage(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddAzureClients(clients =>
        {
            clients.UseCredential(provider => Connection(provider).Credential());
            clients.ConfigureDefaults((options, provider) =>
            {
                options.Retry.MaxRetries = 4;
                options.Retry.Delay = TimeSpan.FromMilliseconds(200);
                options.Retry.MaxDelay = TimeSpan.FromSeconds(4);
                options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
                // Request and response bodies can hold organization data: never log them.
                options.Diagnostics.IsLoggingContentEnabled = false;
                options.AddPolicy(new StorageUnreachablePolicy(), HttpPipelinePosition.PerCall);
                foreach (var customization in provider.GetServices<StorageClientCustomization>())
                {
                    customization.Apply(options);
                }
            });
            clients.AddClient<TableServiceClient, TableClientOptions>((options, credential, provider) =>
                Connection(provider).CreateTableServiceClient(options, credential));
            clients.AddClient<QueueServiceClient, QueueClientOptions>((options, credential, provider) =>
                Connection(provider).CreateQueueServiceClient(options, credential));
        });
        services.TryAddSingleton<StorageInitializer>();
        services.AddHostedService(provider => provider.GetRequiredService<StorageInitializer>());
        return services;
    }

    private static StorageConnection Connection(IServiceProvider provider) =>
        StorageConnection.Read(provider.GetRequiredService<IConfiguration>());
}
