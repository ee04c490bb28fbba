using System.Globalization;
using Onboarding.Domain.Activity;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.SampleData;
using Onboarding.Domain.State;
using static Onboarding.Domain.Tests.DomainResultAssert;

namespace Onboarding.Domain.Tests.SampleData;

public sealed class SampleDataRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ThirtyDays = SampleDataRules.DefaultExpiryPeriod;
    private static readonly SampleDataCounts Counts = CountsOf(events: 5, teams: 3, volunteers: 15, assignments: 25);

    private readonly OrganizationOnboarding _fresh = OrganizationOnboarding.New("org-sample-rules");

    [Fact]
    public void GeneratingActivatesTheSetUntilItsExpiryAndReportsWhatWasMade()
    {
        var change = Succeeded(SampleDataRules.Generate(_fresh, Counts, T0, ThirtyDays));

        Assert.Equal(new SampleDataState(SampleDataStatus.Active, T0, T0.AddDays(30), null, null, Counts), change.After.State.SampleData);
        var generated = Assert.Single(change.Events);
        Assert.Equal((OnboardingEventTypes.SampleDataGenerated, "org-sample-rules", T0), (generated.Type, generated.OrganizationId, generated.Timestamp));
        Assert.Equal([5L, 3L, 15L, 25L], new[] { "events", "teams", "volunteers", "assignments" }.Select(k => generated.DataNumber(k)));
        Assert.Equal(T0, DateTimeOffset.Parse(generated.DataString("generatedAt")!, CultureInfo.InvariantCulture));
        Assert.Equal(T0.AddDays(30), DateTimeOffset.Parse(generated.DataString("expiresAt")!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TheDefaultExpiryPeriodIsThirtyDays()
    {
        Assert.Equal(TimeSpan.FromDays(30), SampleDataRules.DefaultExpiryPeriod);
    }

    [Fact]
    public void TheExpiryPeriodIsTheCallersSetting()
    {
        var change = Succeeded(SampleDataRules.Generate(_fresh, Counts, T0, TimeSpan.FromDays(7)));

        Assert.Equal(T0.AddDays(7), change.After.State.SampleData.ExpiresAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void AnExpiryPeriodThatIsNotPositiveIsRefusedAsAProgrammingError(int days)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleDataRules.Generate(_fresh, Counts, T0, TimeSpan.FromDays(days)));
    }

    [Fact]
    public void GeneratingWhileASetIsActiveIsAConflict()
    {
        var active = Generated(_fresh, T0);

        var result = SampleDataRules.Generate(active, Counts, T0.AddDays(29), ThirtyDays);

        var error = Assert.IsType<ConflictError>(result.Error);
        Assert.Equal("sample_data_active", error.Code);
        Assert.Contains("clear it", error.Message);
    }

    [Fact]
    public void GeneratingAgainAfterAClearStartsAFreshSet()
    {
        var cleared = Succeeded(SampleDataRules.Clear(Generated(_fresh, T0), T0.AddDays(1))).After;

        var change = Succeeded(SampleDataRules.Generate(cleared, Counts, T0.AddDays(2), ThirtyDays));

        Assert.Equal(new SampleDataState(SampleDataStatus.Active, T0.AddDays(2), T0.AddDays(32), null, null, Counts), change.After.State.SampleData);
        Assert.Equal(OnboardingEventTypes.SampleDataGenerated, Assert.Single(change.Events).Type);
    }

    [Fact]
    public void GeneratingAgainAfterTheSetExpiredStartsAFreshSet()
    {
        var expired = Succeeded(SampleDataRules.Expire(Generated(_fresh, T0), T0.AddDays(31))).After;

        var change = Succeeded(SampleDataRules.Generate(expired, Counts, T0.AddDays(40), ThirtyDays));

        Assert.Equal(new SampleDataState(SampleDataStatus.Active, T0.AddDays(40), T0.AddDays(70), null, null, Counts), change.After.State.SampleData);
        Assert.Equal(OnboardingEventTypes.SampleDataGenerated, Assert.Single(change.Events).Type);
    }

    [Fact]
    public void GeneratingOverAnActiveSetPastItsExpiryExpiresItFirst()
    {
        var overdue = Generated(_fresh, T0);
        var at = T0.AddDays(30).AddHours(6);

        var change = Succeeded(SampleDataRules.Generate(overdue, CountsOf(events: 5, teams: 3, volunteers: 15, assignments: 24), at, ThirtyDays));

        Assert.Equal([OnboardingEventTypes.SampleDataCleared, OnboardingEventTypes.SampleDataGenerated], change.Events.Select(e => e.Type));
        Assert.Equal(SampleDataRules.ExpiredReason, change.Events[0].DataString("reason"));
        Assert.Equal(new SampleDataState(SampleDataStatus.Active, at, at.AddDays(30), null, null, CountsOf(events: 5, teams: 3, volunteers: 15, assignments: 24)), change.After.State.SampleData);
    }

    [Fact]
    public void ClearingEndsTheActiveSetAndReportsItsAgeInDays()
    {
        var active = Generated(_fresh, T0);
        var at = T0.AddDays(2).AddHours(13); // 2.54 days

        var change = Succeeded(SampleDataRules.Clear(active, at));

        Assert.Equal(
            new SampleDataState(SampleDataStatus.Cleared, T0, T0.AddDays(30), at, null, Counts),
            change.After.State.SampleData);
        var cleared = Assert.Single(change.Events);
        Assert.Equal((OnboardingEventTypes.SampleDataCleared, at), (cleared.Type, cleared.Timestamp));
        Assert.Equal(2.5, cleared.Data!["ageDays"]!.GetValue<double>());
        Assert.Equal(SampleDataRules.ClearedReason, cleared.DataString("reason"));
    }

    [Fact]
    public void ASetPastItsExpiryCanStillBeClearedBeforeThePurgeReachesIt()
    {
        var change = Succeeded(SampleDataRules.Clear(Generated(_fresh, T0), T0.AddDays(31)));

        Assert.Equal(SampleDataStatus.Cleared, change.After.State.SampleData.Status);
        Assert.Equal(31.0, Assert.Single(change.Events).Data!["ageDays"]!.GetValue<double>());
    }

    public static TheoryData<string> InactiveStates => ["none", "cleared", "expired"];

    [Theory]
    [MemberData(nameof(InactiveStates))]
    public void ClearingWithoutAnActiveSetIsAConflict(string state)
    {
        var onboarding = state switch
        {
            "none" => _fresh,
            "cleared" => Succeeded(SampleDataRules.Clear(Generated(_fresh, T0), T0.AddDays(1))).After,
            _ => Succeeded(SampleDataRules.Expire(Generated(_fresh, T0), T0.AddDays(30))).After,
        };

        var result = SampleDataRules.Clear(onboarding, T0.AddDays(35));

        Assert.Equal("no_active_sample_data", Assert.IsType<ConflictError>(result.Error).Code);
    }

    [Fact]
    public void ExpiringASetThatIsDueMarksItExpiredWithReasonExpired()
    {
        var at = T0.AddDays(30).AddHours(19); // the purge runs at night, after the expiry

        var change = Succeeded(SampleDataRules.Expire(Generated(_fresh, T0), at));

        Assert.Equal(new SampleDataState(SampleDataStatus.Expired, T0, T0.AddDays(30), null, at, Counts), change.After.State.SampleData);
        var expired = Assert.Single(change.Events);
        Assert.Equal(OnboardingEventTypes.SampleDataCleared, expired.Type);
        Assert.Equal(SampleDataRules.ExpiredReason, expired.DataString("reason"));
        Assert.Equal(30.8, expired.Data!["ageDays"]!.GetValue<double>());
    }

    [Fact]
    public void ASetIsDueAtExactlyItsExpiry()
    {
        var change = Succeeded(SampleDataRules.Expire(Generated(_fresh, T0), T0.AddDays(30)));

        Assert.Equal(SampleDataStatus.Expired, change.After.State.SampleData.Status);
    }

    [Fact]
    public void ExpiringBeforeTheExpiryIsAConflict()
    {
        var result = SampleDataRules.Expire(Generated(_fresh, T0), T0.AddDays(30).AddSeconds(-1));

        var error = Assert.IsType<ConflictError>(result.Error);
        Assert.Equal("sample_data_not_due", error.Code);
        Assert.Contains("2026-05-01", error.Message);
    }

    [Fact]
    public void ExpiringASetTheUserAlreadyClearedIsAConflict()
    {
        // The purge's index row outlives a clear; the organization's state has the last word.
        var cleared = Succeeded(SampleDataRules.Clear(Generated(_fresh, T0), T0.AddDays(3))).After;

        var result = SampleDataRules.Expire(cleared, T0.AddDays(31));

        Assert.Equal("sample_data_not_due", Assert.IsType<ConflictError>(result.Error).Code);
    }

    [Fact]
    public void AGeneratedDataSetsCountsAreWhatTheStateAndItsEventRecord()
    {
        var set = SampleDataGenerator.Generate(DefaultCatalog.Catalog.SampleData!, "org-sample-rules", TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), T0);

        var change = Succeeded(SampleDataRules.Generate(_fresh, set.Counts, T0, ThirtyDays));

        Assert.Equal(CountsOf(events: 5, teams: 3, volunteers: 15, assignments: 25), change.After.State.SampleData.Counts);
        var data = Assert.Single(change.Events).Data!;
        Assert.Equal((5, 3, 15, 25), (data["events"]!.GetValue<int>(), data["teams"]!.GetValue<int>(), data["volunteers"]!.GetValue<int>(), data["assignments"]!.GetValue<int>()));
        Assert.Equal(T0.AddDays(30), DateTimeOffset.Parse(data["expiresAt"]!.GetValue<string>(), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ACatalogWithoutSampleDataOffersNone()
    {
        var portal = DefaultCatalog.Catalog with { SampleData = null };

        Assert.Equal("sample_data_not_offered", Assert.IsType<ConflictError>(SampleDataRules.Offered(portal)).Code);
        Assert.Null(SampleDataRules.Offered(DefaultCatalog.Catalog));
    }

    [Fact]
    public void TheRulesLeaveTheActivityCountersToTheCaller()
    {
        var change = Succeeded(SampleDataRules.Generate(_fresh, Counts, T0, ThirtyDays));

        Assert.Single(change.Events);
        Assert.Same(ActivityCounters.Empty, change.After.Activity);
    }

    private static OrganizationOnboarding Generated(OrganizationOnboarding onboarding, DateTimeOffset at) =>
        Succeeded(SampleDataRules.Generate(onboarding, Counts, at, ThirtyDays)).After;

    private static SampleDataCounts CountsOf(int events, int teams, int volunteers, int assignments) =>
        new(new Dictionary<string, int> { ["events"] = events, ["teams"] = teams, ["volunteers"] = volunteers, ["assignments"] = assignments });
}
