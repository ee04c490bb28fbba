using System.IO.Compression;
using Scalar.AspNetCore;

namespace Onboarding.Functions.Api;

/// <summary>
/// The explorer's script, Scalar's standalone API reference as the Scalar.AspNetCore package embeds it (gzip). ASP.NET
/// Core's static files and endpoint routing do not run in the worker, so an HTTP function serves it.
/// </summary>
public static class ApiExplorerAssets
{
    public const string ScriptName = "scalar.js";
    private const string ScriptResource = "ScalarStaticAssets.scalar.js";

    private static readonly Lazy<byte[]> Gzipped = new(() =>
    {
        using var resource = typeof(ScalarOptions).Assembly.GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"Scalar.AspNetCore no longer embeds {ScriptResource}.");
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>The script as the client accepts it: gzip as stored, or decompressed.</summary>
    public static IResult Script(HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        if (request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            request.HttpContext.Response.Headers.ContentEncoding = "gzip";
            request.HttpContext.Response.Headers.Vary = "Accept-Encoding";
            return Results.Bytes(Gzipped.Value, "text/javascript; charset=utf-8");
        }
        using var plain = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(Gzipped.Value), CompressionMode.Decompress))
        {
            gzip.CopyTo(plain);
        }
        return Results.Bytes(plain.ToArray(), "text/javascript; charset=utf-8");
    }
}
