namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>A clock the test moves by hand (Microsoft.Extensions.TimeProvider.Testing does not restore here).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = start;

    public ManualClock() : this(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Added after every read, to make successive reads differ.</summary>
    public TimeSpan AutoAdvance { get; set; }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            var value = now;
            now += AutoAdvance;
            return value;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            now += by;
        }
    }

    public void Set(DateTimeOffset value)
    {
        lock (gate)
        {
            now = value;
        }
    }
}
