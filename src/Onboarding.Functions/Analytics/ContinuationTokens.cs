using System.Text;

namespace Onboarding.Functions.Analytics;

/// <summary>
/// The table service's continuation wrapped as an opaque base64url token for one list (its prefix), so clients pass it
/// back unchanged and a token of another list, or anything made up, is refused.
/// </summary>
public static class ContinuationTokens
{
    public static string Encode(string prefix, string continuation) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(prefix + continuation)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The continuation <paramref name="token"/> wraps, when it is one of <paramref name="prefix"/>'s list and <paramref name="isContinuation"/> accepts it.</summary>
    public static string? Decode(string prefix, string token, Func<string, bool> isContinuation)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
            return text.StartsWith(prefix, StringComparison.Ordinal) && isContinuation(text[prefix.Length..]) ? text[prefix.Length..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
