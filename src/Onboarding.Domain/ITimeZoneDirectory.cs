namespace Onboarding.Domain;

/// <summary>Resolves IANA time zone ids; the app supplies the system's zone database.</summary>
public interface ITimeZoneDirectory
{
    /// <summary>The zone for an IANA id such as <c>Europe/Berlin</c>, or null if the id is not a real IANA zone.</summary>
    TimeZoneInfo? FindIana(string id);
}
