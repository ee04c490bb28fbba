using System.Text.Json;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>What makes an answer a proper RFC 9457 problem document of this API, checked without asserting.</summary>
public static class ProblemDocuments
{
    public const string MediaType = "application/problem+json";

    /// <summary>Null when the answer is a problem document with type, title, status and code; otherwise what is wrong.</summary>
    public static string? Defect(int status, string? mediaType, string body)
    {
        if (mediaType != MediaType)
        {
            return $"Content-Type is '{mediaType ?? "(none)"}', body {body.Length} chars";
        }
        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException e)
        {
            return "body is not JSON: " + e.Message;
        }
        if (problem.ValueKind != JsonValueKind.Object)
        {
            return "body is not a JSON object";
        }
        if (!problem.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String)
        {
            return "no string 'code'";
        }
        if (!problem.TryGetProperty("type", out var type) || type.GetString() != "urn:onboarding:problem:" + code.GetString())
        {
            return "'type' does not name the code";
        }
        if (!problem.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String)
        {
            return "no string 'title'";
        }
        if (!problem.TryGetProperty("status", out var given) || given.ValueKind != JsonValueKind.Number || given.GetInt32() != status)
        {
            return "'status' does not equal the HTTP status";
        }
        return null;
    }

    public static async Task<string?> DefectAsync(HttpResponseMessage response) =>
        Defect((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
}
