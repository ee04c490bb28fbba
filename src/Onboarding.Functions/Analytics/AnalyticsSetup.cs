using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.Analytics;

/// <summary>How far back the roll-up recomputes closed days (late events are folded in that long), and where the indexes are.</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    public int RollupLookbackDays { get; set; } = 3;

    /// <summary>The in-progress wizard index table (tests give each app its own).</summary>
    public string InProgressWizardsTable { get; set; } = Storage.OnboardingStorage.InProgressWizardsTable;

    /// <summary>The organizations index table of <c>GET /analytics/organizations</c> (tests give each app its own).</summary>
    public string OrganizationsIndexTable { get; set; } = Storage.OnboardingStorage.OrganizationsIndexTable;

    /// <summary>How many projection rows from before pseudonyms each roll-up moves to their pseudonymous keys (0: none).</summary>
    public int LegacyRowsPerRollup { get; set; } = 5000;
}

public static class AnalyticsSetup
{
    /// <summary>Cross-organization analytics: day summaries, the in-progress and organizations indexes, the roll-up on <c>%ANALYTICS_ROLLUP_SCHEDULE%</c>.</summary>
    public static IServiceCollection AddAnalytics(this IServiceCollection services)
    {
        services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.Section)
            .Validate(o => o.RollupLookbackDays is >= 1 and <= 366, "Analytics: RollupLookbackDays must be 1 to 366.")
            .Validate(o => o.LegacyRowsPerRollup >= 0, "Analytics: LegacyRowsPerRollup must be 0 or more.")
            .ValidateOnStart();
        services.AddSingleton<ExperimentAssignments>();
        services.AddSingleton<Organizations.ICommittedEventsObserver>(provider => provider.GetRequiredService<ExperimentAssignments>());
        services.AddSingleton<AnalyticsStore>();
        services.AddSingleton<AnalyticsRequests>();
        services.AddSingleton<AnalyticsAnswers>();
        services.AddSingleton<LegacyProjectionMigration>();
        services.AddSingleton<InProgressWizards>();
        services.AddSingleton<OrganizationsIndex>();
        services.AddSingleton<IOrganizationChangeHook, CommitIndexes>();
        return services;
    }
}
