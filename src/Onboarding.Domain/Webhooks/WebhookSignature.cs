using System.Security.Cryptography;
using System.Text;

namespace Onboarding.Domain.Webhooks;

/// <summary>
/// Signing as the Standard Webhooks specification defines it: HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c> with the
/// secret's bytes, sent as <c>v1,{base64}</c>; secrets are written <c>whsec_{base64 of 32 random bytes}</c>, and several
/// signatures (a secret being rotated) are separated by spaces.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static byte[] SecretBytes(string secret) =>
        Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);

    public static string Sign(string secret, string id, DateTimeOffset timestamp, string body)
    {
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToUnixTimeSeconds()}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(SecretBytes(secret), signed));
    }

    /// <summary>The <c>webhook-signature</c> header: one signature per secret in use.</summary>
    public static string Header(IEnumerable<string> secrets, string id, DateTimeOffset timestamp, string body) =>
        string.Join(' ', secrets.Select(secret => Sign(secret, id, timestamp, body)));

    /// <summary>What a receiver checks: one of the header's signatures is the body's under <paramref name="secret"/>.</summary>
    public static bool Verify(string secret, string id, DateTimeOffset timestamp, string body, string header)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(secret, id, timestamp, body));
        return header.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(given => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given), expected));
    }
}
