namespace Onboarding.Functions.SampleData;

/// <summary>Sample-data settings (section <c>SampleData</c>).</summary>
public sealed class SampleDataOptions
{
    public const string Section = "SampleData";

    /// <summary>How long a generated set lives before the nightly purge removes it.</summary>
    public double ExpiryDays { get; set; } = 30;

    /// <summary>The most organizations one purge run handles; the rest stay indexed for the next run.</summary>
    public int PurgeMaxOrganizationsPerRun { get; set; } = 5000;

    /// <summary>How long one purge run may work, well inside the function timeout (10 minutes in host.json).</summary>
    public double PurgeTimeBudgetSeconds { get; set; } = 240;

    /// <summary>The expiry index table (a deployment keeps the default; tests use their own).</summary>
    public string ExpiryIndexTable { get; set; } = Storage.OnboardingStorage.SampleDataExpiryTable;

    public TimeSpan ExpiryPeriod => TimeSpan.FromDays(ExpiryDays);

    public TimeSpan PurgeTimeBudget => TimeSpan.FromSeconds(PurgeTimeBudgetSeconds);
}
