namespace Onboarding.LocalFunctionsHost.Queues;

/// <summary>
/// The queue listener's polling delay: 100 ms after a poll that found messages; otherwise
/// 100 ms + random(0.8–1.2) × 2^(n−1) × 100 ms, capped at maxPollingInterval. With another minimum it is the
/// WebJobs SDK's <c>RandomizedExponentialBackoffStrategy</c> the host also retries failed listeners with (2 s to 2 min).
/// </summary>
public sealed class PollingBackoff(TimeSpan maxInterval, TimeSpan? minimumInterval = null)
{
    private readonly TimeSpan Minimum = minimumInterval ?? TimeSpan.FromMilliseconds(100);
    private int _emptyPolls;

    public TimeSpan AfterMessages()
    {
        _emptyPolls = 0;
        return Minimum;
    }

    public TimeSpan AfterNothing()
    {
        _emptyPolls = Math.Min(_emptyPolls + 1, 30);
        var growth = (0.8 + Random.Shared.NextDouble() * 0.4) * Math.Pow(2, _emptyPolls - 1) * Minimum.TotalMilliseconds;
        var delay = Minimum + TimeSpan.FromMilliseconds(growth);
        return delay > maxInterval ? maxInterval : delay;
    }
}
