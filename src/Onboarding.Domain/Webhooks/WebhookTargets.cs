using System.Net;
using System.Net.Sockets;

namespace Onboarding.Domain.Webhooks;

/// <summary>
/// Where deliveries may go. In Azure: HTTPS to public addresses only, so a subscription cannot make the app call into
/// its own network (SSRF). In development, HTTP and loopback addresses are allowed too, so a local receiver works.
/// The address is checked twice: the URL when the subscription is saved, and the address actually connected to when
/// delivering (a name may resolve elsewhere later).
/// </summary>
public static class WebhookTargets
{
    /// <summary>Null when <paramref name="url"/> may receive deliveries; otherwise why not.</summary>
    public static string? Refusal(string? url, bool allowLoopback)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            return "Must be an absolute https URL.";
        }
        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "Must not carry credentials or a fragment.";
        }
        var loopback = uri.IsLoopback;
        if (loopback && !allowLoopback)
        {
            return "Loopback addresses are allowed in development only.";
        }
        if (uri.Scheme == "http" && !(loopback && allowLoopback))
        {
            return "Must use https (http is allowed for loopback receivers in development only).";
        }
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && AddressRefusal(address, allowLoopback) is { } refused ? refused : null;
    }

    /// <summary>Null when a delivery may connect to <paramref name="address"/>; otherwise why not.</summary>
    public static string? AddressRefusal(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address))
        {
            return allowLoopback ? null : "Loopback addresses are allowed in development only.";
        }
        return IsPublic(address) ? null : $"{address} is not a public address.";
    }

    private static bool IsPublic(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !(bytes[0] is 0 or 10 or 127 or >= 224
                || (bytes[0] == 100 && bytes[1] is >= 64 and <= 127)
                || (bytes[0] == 169 && bytes[1] == 254)
                || (bytes[0] == 172 && bytes[1] is >= 16 and <= 31)
                || (bytes[0] == 192 && bytes[1] == 168)
                || (bytes[0] == 192 && bytes[1] == 0 && bytes[2] == 0)
                || (bytes[0] == 198 && bytes[1] is 18 or 19));
        }
        return !(address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (bytes[0] & 0xFE) == 0xFC);
    }
}
