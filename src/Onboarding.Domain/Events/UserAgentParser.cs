using System.Text.RegularExpressions;

namespace Onboarding.Domain.Events;

/// <summary>
/// Reduces a User-Agent header to browser family, major version, operating system and device class,
/// so that the raw string (a fingerprinting aid) never has to be stored.
/// </summary>
public static partial class UserAgentParser
{
    private const int MaxVersionDigits = 4;

    public static ClientInfo Parse(string userAgent)
    {
        ArgumentNullException.ThrowIfNull(userAgent);
        // Every browser sends a User-Agent; an empty one comes from a script.
        if (string.IsNullOrWhiteSpace(userAgent) || BotMarkers().IsMatch(userAgent))
        {
            return new ClientInfo(ClientBrowsers.Other, null, ClientOperatingSystems.Other, ClientDeviceClasses.Bot);
        }
        var operatingSystem = OperatingSystem(userAgent);
        var (browser, majorVersion) = Browser(userAgent, operatingSystem);
        return new ClientInfo(browser, majorVersion, operatingSystem, DeviceClass(userAgent, operatingSystem));
    }

    // The order is the point: Edge, Opera and Samsung Internet also carry "Chrome/", and Chrome
    // (like almost every browser) carries "Safari/".
    private static (string Browser, string? MajorVersion) Browser(string userAgent, string operatingSystem)
    {
        if (EdgeToken().Match(userAgent) is { Success: true } edge)
        {
            return (ClientBrowsers.Edge, Major(edge));
        }
        if (OperaToken().Match(userAgent) is { Success: true } opera)
        {
            // Presto-era Opera froze "Opera/9.80" and put the real version in "Version/".
            return (ClientBrowsers.Opera, SafariVersion().Match(userAgent) is { Success: true } version ? Major(version) : Major(opera));
        }
        if (SamsungToken().Match(userAgent) is { Success: true } samsung)
        {
            return (ClientBrowsers.SamsungInternet, Major(samsung));
        }
        if (OtherChromiumBrand().IsMatch(userAgent))
        {
            return (ClientBrowsers.Other, null);
        }
        if (FirefoxToken().Match(userAgent) is { Success: true } firefox)
        {
            return (ClientBrowsers.Firefox, Major(firefox));
        }
        if (ChromeToken().Match(userAgent) is { Success: true } chrome)
        {
            return (ClientBrowsers.Chrome, Major(chrome));
        }
        if (InternetExplorerToken().Match(userAgent) is { Success: true } explorer)
        {
            return (ClientBrowsers.InternetExplorer, Major(explorer));
        }
        var isApple = operatingSystem is ClientOperatingSystems.MacOs or ClientOperatingSystems.Ios or ClientOperatingSystems.IPadOs;
        if (isApple && userAgent.Contains("Safari/", StringComparison.Ordinal) && SafariVersion().Match(userAgent) is { Success: true } safari)
        {
            return (ClientBrowsers.Safari, Major(safari));
        }
        return (ClientBrowsers.Other, null);
    }

    private static string OperatingSystem(string userAgent)
    {
        bool Has(string token) => userAgent.Contains(token, StringComparison.Ordinal);

        // Windows Phone claims Android and iPhone too; iPhone and iPad claim "Mac OS X"; Android claims Linux.
        if (Has("Windows"))
        {
            return ClientOperatingSystems.Windows;
        }
        if (Has("iPad"))
        {
            return ClientOperatingSystems.IPadOs;
        }
        if (Has("iPhone") || Has("iPod"))
        {
            return ClientOperatingSystems.Ios;
        }
        if (Has("CrOS"))
        {
            return ClientOperatingSystems.ChromeOs;
        }
        if (Has("Android"))
        {
            return ClientOperatingSystems.Android;
        }
        if (Has("Macintosh") || Has("Mac OS X"))
        {
            return ClientOperatingSystems.MacOs;
        }
        return Has("Linux") ? ClientOperatingSystems.Linux : ClientOperatingSystems.Other;
    }

    private static string DeviceClass(string userAgent, string operatingSystem)
    {
        bool Has(string token) => userAgent.Contains(token, StringComparison.Ordinal);

        if (Has("Windows Phone"))
        {
            return ClientDeviceClasses.Mobile;
        }
        // "Tablet PC" is a touch-enabled Windows desktop in old Internet Explorer user agents.
        if (operatingSystem == ClientOperatingSystems.IPadOs || (Has("Tablet") && !Has("Tablet PC")))
        {
            return ClientDeviceClasses.Tablet;
        }
        if (operatingSystem == ClientOperatingSystems.Android)
        {
            // Android phones say "Mobile"; Android tablets leave it out.
            return Has("Mobile") ? ClientDeviceClasses.Mobile : ClientDeviceClasses.Tablet;
        }
        return operatingSystem == ClientOperatingSystems.Ios || Has("Mobi") ? ClientDeviceClasses.Mobile : ClientDeviceClasses.Desktop;
    }

    private static string? Major(Match match)
    {
        var digits = match.Groups["major"].Value;
        return digits.Length is > 0 and <= MaxVersionDigits ? digits : null;
    }

    // "[a-z]bot" must be followed by punctuation: the phone maker Cubot ("CUBOT X19") is not a crawler.
    [GeneratedRegex(@"[a-z]bot[/\-_;)]|\bbot\b|crawl|spider|slurp|mediapartners|facebookexternalhit|whatsapp/|headlesschrome|phantomjs|lighthouse|\+https?://|^(?:curl|wget|python-requests|python-urllib|python-httpx|aiohttp|go-http-client|java|okhttp|axios|node-fetch|undici|node|postmanruntime|insomnia|libwww-perl|apache-httpclient|guzzlehttp|ruby|php)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BotMarkers();

    [GeneratedRegex(@"(?<![A-Za-z])(?:Edg|EdgA|EdgiOS|Edge)/(?<major>\d+)")]
    private static partial Regex EdgeToken();

    [GeneratedRegex(@"(?<![A-Za-z])(?:OPR|OPiOS|OPT|OPX|Opera(?: Mini)?)/(?<major>\d+)")]
    private static partial Regex OperaToken();

    [GeneratedRegex(@"SamsungBrowser/(?<major>\d+)")]
    private static partial Regex SamsungToken();

    [GeneratedRegex(@"(?<![A-Za-z])(?:YaBrowser|UCBrowser|Vivaldi|MiuiBrowser|HuaweiBrowser|Whale|Silk|DuckDuckGo)/")]
    private static partial Regex OtherChromiumBrand();

    [GeneratedRegex(@"(?<![A-Za-z])(?:Firefox|FxiOS)/(?<major>\d+)")]
    private static partial Regex FirefoxToken();

    [GeneratedRegex(@"(?<![A-Za-z])(?:Chrome|CriOS|Chromium)/(?<major>\d+)")]
    private static partial Regex ChromeToken();

    [GeneratedRegex(@"MSIE (?<major>\d+)|Trident/\d+.*?\brv:(?<major>\d+)")]
    private static partial Regex InternetExplorerToken();

    [GeneratedRegex(@"(?<![A-Za-z])Version/(?<major>\d+)")]
    private static partial Regex SafariVersion();
}
