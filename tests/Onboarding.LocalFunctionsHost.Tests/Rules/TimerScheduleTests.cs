using Onboarding.LocalFunctionsHost.Timers;

namespace Onboarding.LocalFunctionsHost.Tests.Rules;

public sealed class TimerScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SixFieldsIncludeSeconds() =>
        Assert.Equal(Noon.AddSeconds(30), TimerSchedule.Parse("30 * * * * *").Next(Noon));

    [Fact]
    public void ExactlyFiveFieldsHaveNoSeconds() =>
        Assert.Equal(Noon.AddMinutes(5), TimerSchedule.Parse("*/5 * * * *").Next(Noon));

    [Fact]
    public void ATimeSpanIsAConstantInterval()
    {
        var schedule = TimerSchedule.Parse("00:00:10");

        Assert.False(schedule.IsCron);
        Assert.Equal(Noon.AddSeconds(10), schedule.Next(Noon));
    }

    [Fact]
    public void OccurrencesAreInUtc() =>
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 3, 0, 0, TimeSpan.Zero), TimerSchedule.Parse("0 0 3 * * *").Next(Noon.ToOffset(TimeSpan.FromHours(5))));

    [Theory]
    [InlineData("* * * * * *", true)]
    [InlineData("*/30 * * * * *", true)]
    [InlineData("0 * * * * *", false)]
    [InlineData("0 0 3 * * *", false)]
    public void SchedulesFiringMoreThanOnceAMinuteAreNotMonitored(string expression, bool tooFrequent) =>
        Assert.Equal(tooFrequent, TimerSchedule.Parse(expression).FiresMoreThanOncePerMinute(Noon));

    [Fact]
    public void NeitherCronNorTimeSpanIsRefused() =>
        Assert.Throws<FormatException>(() => TimerSchedule.Parse("every day"));
}
