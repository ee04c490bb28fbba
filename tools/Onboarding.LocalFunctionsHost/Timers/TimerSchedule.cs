using System.Globalization;
using NCrontab;

namespace Onboarding.LocalFunctionsHost.Timers;

/// <summary>
/// A timer trigger's schedule in UTC: NCRONTAB with seconds (six fields), without (exactly five), or a
/// constant <c>hh:mm:ss</c> interval.
/// </summary>
public sealed class TimerSchedule
{
    private readonly CrontabSchedule? _cron;
    private readonly TimeSpan _interval;

    private TimerSchedule(CrontabSchedule? cron, TimeSpan interval)
    {
        _cron = cron;
        _interval = interval;
    }

    public bool IsCron => _cron is not null;

    public static TimerSchedule Parse(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields >= 5)
        {
            return new TimerSchedule(CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields != 5 }), TimeSpan.Zero);
        }
        if (TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            return new TimerSchedule(null, interval);
        }
        throw new FormatException($"'{expression}' is neither an NCRONTAB expression nor a TimeSpan.");
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset after)
    {
        if (_cron is null)
        {
            return after + _interval;
        }
        var next = _cron.GetNextOccurrence(after.UtcDateTime);
        return new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
    }

    /// <summary>Schedule monitoring is switched off for schedules that fire more than once a minute.</summary>
    public bool FiresMoreThanOncePerMinute(DateTimeOffset now)
    {
        var first = Next(now);
        var second = Next(first);
        var third = Next(second);
        return second - first < TimeSpan.FromMinutes(1) || third - second < TimeSpan.FromMinutes(1);
    }
}
