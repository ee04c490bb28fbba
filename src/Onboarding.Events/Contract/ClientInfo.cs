namespace Onboarding.Events;

/// <summary>
/// A user agent already reduced to what the contract keeps. Values come from the contract's lists:
/// browser <c>Edge, Chrome, Firefox, Safari, Opera, Samsung Internet, Internet Explorer, Other</c>;
/// operating system <c>Windows, macOS, iOS, iPadOS, Android, Linux, ChromeOS, Other</c>;
/// device class <c>desktop, mobile, tablet, bot</c>; major version 1 to 4 digits.
/// </summary>
public sealed record ClientInfo(string Browser, string? BrowserMajorVersion, string OperatingSystem, string DeviceClass);
