namespace Onboarding.Domain.Events;

/// <summary>The browser families a <see cref="ClientInfo"/> names; anything else is <see cref="Other"/>.</summary>
public static class ClientBrowsers
{
    public const string Edge = "Edge";
    public const string Chrome = "Chrome";
    public const string Firefox = "Firefox";
    public const string Safari = "Safari";
    public const string Opera = "Opera";
    public const string SamsungInternet = "Samsung Internet";
    public const string InternetExplorer = "Internet Explorer";
    public const string Other = "Other";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Edge, Chrome, Firefox, Safari, Opera, SamsungInternet, InternetExplorer, Other,
    };
}

/// <summary>The operating systems a <see cref="ClientInfo"/> names; anything else is <see cref="Other"/>.</summary>
public static class ClientOperatingSystems
{
    public const string Windows = "Windows";
    public const string MacOs = "macOS";
    public const string Ios = "iOS";
    public const string IPadOs = "iPadOS";
    public const string Android = "Android";
    public const string Linux = "Linux";
    public const string ChromeOs = "ChromeOS";
    public const string Other = "Other";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Windows, MacOs, Ios, IPadOs, Android, Linux, ChromeOs, Other,
    };
}

/// <summary>The device classes a <see cref="ClientInfo"/> names.</summary>
public static class ClientDeviceClasses
{
    public const string Desktop = "desktop";
    public const string Mobile = "mobile";
    public const string Tablet = "tablet";

    /// <summary>Crawlers, link previewers and scripted HTTP clients.</summary>
    public const string Bot = "bot";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Desktop, Mobile, Tablet, Bot,
    };
}
