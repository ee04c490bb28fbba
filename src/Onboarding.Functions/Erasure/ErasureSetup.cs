namespace Onboarding.Functions.Erasure;

public static class ErasureSetup
{
    /// <summary>
    /// The erasure and its erasers, which run in this order before the organization's partition is deleted.
    /// Another table's rows are erased by registering one more <see cref="IOrganizationDataEraser"/> (after these).
    /// </summary>
    public static IServiceCollection AddErasure(this IServiceCollection services)
    {
        services.AddOptions<ErasureOptions>().BindConfiguration(ErasureOptions.Section)
            .Validate(o => o.RequestBudgetSeconds >= 0 && o.QueueBudgetSeconds > 0, "Erasure: RequestBudgetSeconds must be 0 or more, QueueBudgetSeconds positive.")
            .ValidateOnStart();
        services.AddSingleton<IOrganizationDataEraser, DailyProjectionEraser>();
        services.AddSingleton<IOrganizationDataEraser, PendingProjectionsEraser>();
        services.AddSingleton<IOrganizationDataEraser, SampleExpiryIndexEraser>();
        services.AddSingleton<IOrganizationDataEraser, AnalyticsEraser>();
        services.AddSingleton<IOrganizationDataEraser, WebhookDeliveriesEraser>();
        services.AddSingleton<IOrganizationDataEraser, OrganizationsIndexEraser>();
        services.AddSingleton<IOrganizationDataEraser, ExperimentAssignmentsEraser>();
        services.AddSingleton<OrganizationErasure>();
        return services;
    }
}
