using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Onboarding.Domain;

namespace Onboarding.Functions.Http;

/// <summary>
/// Reads a JSON request body with explicit answers for each way it can be wrong: 415 for another
/// content type, 413 when larger than the endpoint allows, 400 when it is not JSON or is JSON no rule
/// should read (<see cref="JsonInput"/>).
/// </summary>
public static class JsonBody
{
    public static async Task<(JsonElement Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            return (default, Problems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Unsupported media type",
                $"Send the body as application/json (got '{request.ContentType ?? "none"}')."));
        }
        if (request.ContentLength > maxBytes)
        {
            return (default, TooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (default, TooLarge(maxBytes));
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            return (default, Problems.Create(StatusCodes.Status400BadRequest, "malformed_json", "Malformed JSON", "The request body is empty; send a JSON object."));
        }
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            if (JsonInput.FindDefect(document.RootElement) is { } defect)
            {
                return (default, Problems.Validation(new Dictionary<string, string[]> { [defect.Path] = [Capitalized(defect.Message) + "."] },
                    "The request body is JSON that cannot be used as it is."));
            }
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, Problems.Create(StatusCodes.Status400BadRequest, "malformed_json", "Malformed JSON",
                $"The request body is not valid JSON: {e.Message}"));
        }
    }

    /// <summary>
    /// Reads the body into the request record <typeparamref name="T"/>, whose properties say the contract once: its
    /// camelCase members and no others, each of its type, the <c>[JsonRequired]</c> ones present. Every field in error is
    /// named in one 400 problem; <paramref name="example"/> shows a good body.
    /// </summary>
    public static async Task<(T? Body, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes, string example, CancellationToken cancellationToken)
        where T : class
    {
        var (body, problem) = await ReadAsync(request, maxBytes, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }
        var contract = RequestRecords.GetTypeInfo(typeof(T));
        if (RequireObjectWith(body, example, [.. contract.Properties.Select(p => p.Name)]) is { } refused)
        {
            return (null, refused);
        }
        var errors = contract.Properties
            .Select(property => (property.Name, Error: FieldError(body, property)))
            .Where(field => field.Error is not null)
            .ToDictionary(field => field.Name, field => new[] { field.Error! }, StringComparer.Ordinal);
        return errors.Count > 0 ? (null, Problems.Validation(errors)) : (body.Deserialize<T>(RequestRecords)!, null);
    }

    /// <summary>The camelCase JSON of the request records; a member they do not have is an error, not ignored.</summary>
    private static readonly JsonSerializerOptions RequestRecords = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>What is wrong with <paramref name="property"/>'s value in <paramref name="body"/>, or null.</summary>
    private static string? FieldError(JsonElement body, JsonPropertyInfo property)
    {
        if (!body.TryGetProperty(property.Name, out var value))
        {
            return property.IsRequired ? "Required." : null;
        }
        try
        {
            value.Deserialize(property.PropertyType, RequestRecords);
            return null;
        }
        catch (JsonException)
        {
            return ExpectedValue(property.PropertyType);
        }
    }

    private static string ExpectedValue(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) || t == typeof(long) => "Must be a whole number.",
        var t when t == typeof(bool) => "Must be true or false.",
        var t when t == typeof(string) => "Must be a string.",
        _ => "Has the wrong type.",
    };

    /// <summary>A 400 unless <paramref name="body"/> is an object whose fields are all among <paramref name="knownFields"/>.</summary>
    public static ProblemHttpResult? RequireObjectWith(JsonElement body, string example, params string[] knownFields)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["body"] = [$"Send a JSON object such as {example}."] });
        }
        var unknown = body.EnumerateObject().Select(p => p.Name).Where(name => !knownFields.Contains(name, StringComparer.Ordinal)).ToList();
        return unknown.Count == 0
            ? null
            : Problems.Validation(unknown.Distinct().ToDictionary(name => name, _ => new[] { $"Unknown field; allowed: {string.Join(", ", knownFields)}." }));
    }

    private static string Capitalized(string text) => string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));

    private static ProblemHttpResult TooLarge(int maxBytes) =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge, "payload_too_large", "Payload too large", $"The request body may be at most {maxBytes} bytes.");

    private static bool IsJson(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
