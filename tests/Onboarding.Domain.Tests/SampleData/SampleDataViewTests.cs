using Onboarding.Domain.SampleData;

namespace Onboarding.Domain.Tests.SampleData;

public sealed class SampleDataViewTests
{
    private static readonly DateTimeOffset GeneratedAt = new(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly SampleDataCounts Counts = new(new Dictionary<string, int> { ["events"] = 5, ["teams"] = 3, ["volunteers"] = 15, ["assignments"] = 25 });
    private static readonly SampleDataState ActiveState =
        new(SampleDataStatus.Active, GeneratedAt, GeneratedAt.AddDays(30), null, null, Counts);

    [Fact]
    public void AnOrganizationWithoutSampleDataReadsNone()
    {
        var view = SampleDataView.From(SampleDataState.None, GeneratedAt);

        Assert.Equal(new SampleDataView(SampleDataStatusNames.None, false, null, null, null, null, null, null, null), view);
    }

    [Fact]
    public void AnActiveSetReadsActiveWithTheDaysLeftRoundedUp()
    {
        var view = SampleDataView.From(ActiveState, GeneratedAt.AddDays(10).AddHours(1));

        Assert.Equal(
            new SampleDataView(SampleDataStatusNames.Active, false, GeneratedAt, GeneratedAt.AddDays(30), null, null, Counts.ByCounter, 48, 20),
            view);
    }

    [Fact]
    public void AnActiveSetInItsLastHourHasOneDayLeft()
    {
        var view = SampleDataView.From(ActiveState, GeneratedAt.AddDays(30).AddMinutes(-30));

        Assert.Equal((SampleDataStatusNames.Active, 1), (view.Status, view.DaysUntilExpiry));
    }

    [Fact]
    public void AnActiveSetPastItsExpiryReadsExpiredWithThePurgePending()
    {
        var view = SampleDataView.From(ActiveState, GeneratedAt.AddDays(30));

        Assert.Equal((SampleDataStatusNames.Expired, true, (int?)null), (view.Status, view.PurgePending, view.DaysUntilExpiry));
        Assert.Null(view.ExpiredAt);
    }

    [Fact]
    public void AClearedSetReadsClearedWithItsHistory()
    {
        var cleared = ActiveState with { Status = SampleDataStatus.Cleared, ClearedAt = GeneratedAt.AddDays(2) };

        var view = SampleDataView.From(cleared, GeneratedAt.AddDays(3));

        Assert.Equal(
            new SampleDataView(SampleDataStatusNames.Cleared, false, GeneratedAt, GeneratedAt.AddDays(30), GeneratedAt.AddDays(2), null, Counts.ByCounter, 48, null),
            view);
    }

    [Fact]
    public void ASetThePurgeExpiredReadsExpiredAndNoLongerPending()
    {
        var expired = ActiveState with { Status = SampleDataStatus.Expired, ExpiredAt = GeneratedAt.AddDays(31) };

        var view = SampleDataView.From(expired, GeneratedAt.AddDays(32));

        Assert.Equal((SampleDataStatusNames.Expired, false, GeneratedAt.AddDays(31)), (view.Status, view.PurgePending, view.ExpiredAt));
    }
}
