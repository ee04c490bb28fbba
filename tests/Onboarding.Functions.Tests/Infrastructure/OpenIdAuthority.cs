using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>
/// A minimal OpenID Connect authority on a loopback port: its metadata document and a JWKS with one
/// RSA key, so tests exercise the app's metadata path (no Moq: a real HTTP authority is cheap).
/// </summary>
public sealed class OpenIdAuthority : IAsyncDisposable
{
    private const string KeyId = "test-key-1";
    private readonly WebApplication app;
    private readonly RSA key = RSA.Create(2048);

    private OpenIdAuthority(WebApplication app) => this.app = app;

    public string Url { get; private set; } = "";

    public static async Task<OpenIdAuthority> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var authority = new OpenIdAuthority(builder.Build());
        authority.app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, string>
        {
            ["issuer"] = authority.Url,
            ["jwks_uri"] = authority.Url + "/keys",
        }));
        authority.app.MapGet("/keys", authority.KeySet);
        await authority.app.StartAsync();
        authority.Url = authority.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return authority;
    }

    /// <summary>A token this authority signed, or (with <paramref name="signWith"/>) one signed by a key it never published.</summary>
    public string Token(string organizationId, string role, RSA? signWith = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Url,
            Audience = TestTokens.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "user-" + organizationId, ["org_id"] = organizationId, ["roles"] = new[] { role } },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signWith ?? key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    private IResult KeySet()
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return Results.Json(new Dictionary<string, object>
        {
            ["keys"] = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus!), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent!),
                },
            },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        key.Dispose();
    }
}
