using System.Security.Cryptography;
using System.Text;

namespace Onboarding.LocalFunctionsHost.Configuration;

/// <summary>
/// The host id that names this app's blobs in <c>azure-webjobs-hosts</c> (timer status, singleton locks):
/// <c>AzureFunctionsWebHost__hostid</c>, else the machine name and a hash of the app folder (at most 32 characters).
/// Two hosts with the same id share their timers' status and locks, as instances of one app do in Azure.
/// </summary>
public sealed class HostId(HostStartupOptions startup, AppSettings settings)
{
    public string Value { get; } = Compute(startup, settings);

    private static string Compute(HostStartupOptions startup, AppSettings settings)
    {
        if ((settings.Get("AzureFunctionsWebHost__hostid") ?? settings.Get("AzureFunctionsWebHost:hostid")) is { Length: > 0 } configured)
        {
            return configured.ToLowerInvariant();
        }
        var machine = new string(Environment.MachineName.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(startup.AppDirectory))))[..8];
        var id = $"{machine}-{hash}";
        return id.Length <= 32 ? id : id[^32..];
    }
}
