namespace Onboarding.Domain.Webhooks;

/// <summary>
/// When a failed delivery is tried again: after each attempt the next delay of <see cref="Delays"/>, with ±20 % jitter
/// so that deliveries that failed together do not come back together. The default schedule (5 s, 5 min, 30 min, 2 h,
/// 5 h, 10 h, 10 h) spans about 27.5 hours, so a receiver down for a day still gets every delivery.
/// </summary>
public sealed record WebhookRetrySchedule(IReadOnlyList<TimeSpan> Delays)
{
    public static WebhookRetrySchedule Default { get; } = new([
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10)]);

    /// <summary>The most attempts a delivery gets: the first and one per delay.</summary>
    public int MaxAttempts => Delays.Count + 1;

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, or null when <paramref name="attempt"/> was the last.</summary>
    public TimeSpan? After(int attempt, Random random)
    {
        if (attempt < 1 || attempt > Delays.Count)
        {
            return null;
        }
        var delay = Delays[attempt - 1];
        return TimeSpan.FromTicks((long)(delay.Ticks * (0.8 + 0.4 * random.NextDouble())));
    }

    /// <summary>Whether a receiver's status is worth another attempt: server errors, timeouts and rate limits are; other refusals are final.</summary>
    public static bool IsRetriable(int status) => status is 408 or 429 or >= 500;
}
