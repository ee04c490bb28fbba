using Onboarding.Domain.Webhooks;

namespace Onboarding.Domain.Tests.Webhooks;

public sealed class WebhookRetryScheduleTests
{
    [Fact]
    public void TheDefaultScheduleRetriesForMoreThanADayWithJitterAndThenStops()
    {
        var schedule = WebhookRetrySchedule.Default;
        var random = new Random(7);

        var waits = Enumerable.Range(1, schedule.MaxAttempts).Select(attempt => schedule.After(attempt, random)).ToList();

        Assert.Equal(8, schedule.MaxAttempts);
        Assert.Null(waits[^1]);
        var total = waits.Take(7).Sum(w => w!.Value.Ticks);
        Assert.True(TimeSpan.FromTicks(total) > TimeSpan.FromDays(1), $"{TimeSpan.FromTicks(total)}");
        Assert.All(waits.Take(7).Zip(schedule.Delays), pair =>
            Assert.InRange(pair.First!.Value.Ticks, (long)(pair.Second.Ticks * 0.8), (long)(pair.Second.Ticks * 1.2)));
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    [InlineData(410, false)]
    public void OnlyServerErrorsTimeoutsAndRateLimitsAreRetried(int status, bool retried)
    {
        Assert.Equal(retried, WebhookRetrySchedule.IsRetriable(status));
    }
}
