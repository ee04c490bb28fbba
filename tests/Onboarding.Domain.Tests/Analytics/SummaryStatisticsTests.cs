using Onboarding.Domain.Analytics;

namespace Onboarding.Domain.Tests.Analytics;

public sealed class SummaryStatisticsTests
{
    [Fact]
    public void FourDurationsGiveTheInterpolatedMedianAndNinetiethPercentile()
    {
        var stats = SummaryStatistics.From([4, 1, 3, 2]);

        // Ranks are 0-based: the median sits half-way between 2 and 3; p90 at rank 2.7, 70 % from 3 to 4.
        Assert.Equal(4, stats.Count);
        Assert.Equal(2.5, stats.Average);
        Assert.Equal(2.5, stats.Median);
        Assert.Equal(3.7, stats.P90!.Value, 10);
        Assert.Equal((1.0, 4.0), (stats.Min!.Value, stats.Max!.Value));
    }

    [Fact]
    public void OneDurationIsItsOwnMedianAndPercentile()
    {
        var stats = SummaryStatistics.From([12.5]);

        Assert.Equal((1, 12.5, 12.5, 12.5, 12.5, 12.5), (stats.Count, stats.Average!.Value, stats.Median!.Value, stats.P90!.Value, stats.Min!.Value, stats.Max!.Value));
    }

    [Fact]
    public void NoDurationsGiveACountOfZeroAndNothingElse()
    {
        Assert.Equal(SummaryStatistics.Empty, SummaryStatistics.From([]));
        Assert.Null(SummaryStatistics.Empty.Median);
    }

    [Fact]
    public void ThePercentileOfAnOddCountLandsOnAValue()
    {
        Assert.Equal(30, SummaryStatistics.Percentile([10, 20, 30, 40, 50], 0.5));
        Assert.Equal(46, SummaryStatistics.Percentile([10, 20, 30, 40, 50], 0.9), 10);
    }
}
