using Onboarding.LocalFunctionsHost.Queues;

namespace Onboarding.LocalFunctionsHost.Tests.Rules;

public sealed class PollingBackoffTests
{
    [Fact]
    public void EmptyPollsBackOffUpToTheMaximumAndMessagesResetIt()
    {
        var backoff = new PollingBackoff(TimeSpan.FromSeconds(2));

        var delays = Enumerable.Range(0, 12).Select(_ => backoff.AfterNothing()).ToList();

        Assert.InRange(delays[0], TimeSpan.FromMilliseconds(180), TimeSpan.FromMilliseconds(220));
        Assert.All(delays, delay => Assert.True(delay <= TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.FromSeconds(2), delays[^1]);
        Assert.Equal(TimeSpan.FromMilliseconds(100), backoff.AfterMessages());
        Assert.True(backoff.AfterNothing() < TimeSpan.FromMilliseconds(250));
    }
}
