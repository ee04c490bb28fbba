using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Onboarding.LocalFunctionsHost.Configuration;
using Onboarding.LocalFunctionsHost.Http;

namespace Onboarding.LocalFunctionsHost.Admin;

/// <summary>
/// Who may call <c>/admin/*</c>: loopback clients, and, when the setting <see cref="MasterKeySetting"/> holds a key, only
/// with that key in <c>x-functions-key</c> or <c>?code=</c>, as the Functions host requires its master key (admin level)
/// there (H <c>AuthenticationLevelHandler</c>). Without a key every local caller is admin, as under <c>func start</c>.
/// </summary>
public sealed class AdminAccess(AppSettings settings)
{
    /// <summary>Ours: the master key the admin API requires (scripts/run.sh sets a random one).</summary>
    public const string MasterKeySetting = "LocalFunctionsHost__MasterKey";

    private readonly byte[]? _masterKey = settings.Get(MasterKeySetting) is { Length: > 0 } key ? Encoding.UTF8.GetBytes(key) : null;

    public bool KeyRequired => _masterKey is not null;

    /// <summary>Writes the refusal and returns false when the caller may not use the admin API.</summary>
    public async Task<bool> AllowAsync(HttpContext context, bool needsKey)
    {
        if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
        {
            await ProblemResponse.WriteAsync(context, StatusCodes.Status403Forbidden, "admin-local-only", "The admin API answers local clients only.");
            return false;
        }
        if (!needsKey || _masterKey is null || HasMasterKey(context.Request))
        {
            return true;
        }
        await ProblemResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, "admin-key-required",
            "The admin API needs the master key in the x-functions-key header or the code query parameter.");
        return false;
    }

    // The header wins over the query parameter, as in the host.
    private bool HasMasterKey(HttpRequest request)
    {
        var presented = request.Headers.TryGetValue("x-functions-key", out var header) ? header.ToString()
            : request.Query.TryGetValue("code", out var code) ? code.ToString()
            : "";
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _masterKey);
    }
}
