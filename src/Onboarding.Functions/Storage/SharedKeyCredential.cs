using System.Security.Cryptography;
using System.Text;

namespace Onboarding.Functions.Storage;

/// <summary>An account name and key; signs string-to-sign values with HMAC-SHA256.</summary>
public sealed class SharedKeyCredential(string accountName, byte[] accountKey)
{
    public string AccountName { get; } = accountName;

    internal string Sign(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(stringToSign)));

    public override string ToString() => AccountName;
}
