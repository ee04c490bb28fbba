namespace Onboarding.Domain.Tests;

/// <summary>The machine's IANA zone database, as the app resolves it.</summary>
public sealed class SystemTimeZones : ITimeZoneDirectory
{
    public static SystemTimeZones Instance { get; } = new();

    public TimeZoneInfo? FindIana(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId ? zone : null;
}
