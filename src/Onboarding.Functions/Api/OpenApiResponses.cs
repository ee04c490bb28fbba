using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Http;

namespace Onboarding.Functions.Api;

/// <summary>
/// The responses of one operation in the OpenAPI document: its successes from the typed results the function returns,
/// and every problem it can answer with, by status and code, from its declarations.
/// </summary>
public static class OpenApiResponses
{
    public const string ETagHeader = "ETag";
    public const string LocationHeader = "Location";
    public const string RetryAfterHeader = "Retry-After";

    /// <summary>The header components the responses refer to.</summary>
    public static JsonObject HeaderComponents() => new()
    {
        [ETagHeader] = Header("The version of the organization's onboarding; send it back as If-Match to change only what you have seen.", "string"),
        [LocationHeader] = Header("Where the created or pending resource is read.", "string"),
        [RetryAfterHeader] = Header("Seconds to wait before trying again.", "integer"),
    };

    public static JsonObject For(MethodInfo method, AccessLevel access, string path, string verb, Func<Type, JsonNode> schema)
    {
        var responses = Successes(method, schema);
        foreach (var (status, codes) in Problems(method, access, path, verb))
        {
            var response = new JsonObject
            {
                ["description"] = $"{ReasonPhrases.GetReasonPhrase(status)}: {string.Join(", ", codes)}.",
                ["content"] = new JsonObject
                {
                    ["application/problem+json"] = new JsonObject
                    {
                        ["schema"] = new JsonObject
                        {
                            ["allOf"] = new JsonArray(
                                OpenApiSchemas.Ref(OpenApiSchemas.Problem),
                                new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["code"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. codes.Select(c => (JsonNode)JsonValue.Create(c))]) } } }),
                        },
                    },
                },
            };
            if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
            {
                response["headers"] = Headers(RetryAfterHeader);
            }
            responses[status.ToString(CultureInfo.InvariantCulture)] ??= response;
        }
        return responses;
    }

    /// <summary>Every problem code an operation can answer with, by status.</summary>
    public static SortedDictionary<int, SortedSet<string>> Problems(MethodInfo method, AccessLevel access, string path, string verb)
    {
        var problems = new SortedDictionary<int, SortedSet<string>>();
        void Add(int status, params IEnumerable<string> codes)
        {
            if (!problems.TryGetValue(status, out var set))
            {
                problems[status] = set = new SortedSet<string>(StringComparer.Ordinal);
            }
            set.UnionWith(codes);
        }

        if (access != AccessLevel.Anyone)
        {
            Add(StatusCodes.Status401Unauthorized, "unauthenticated");
            Add(StatusCodes.Status403Forbidden, "role_required");
            if (path.Contains("{" + OrganizationAccess.OrgIdRouteValue + "}", StringComparison.Ordinal))
            {
                Add(StatusCodes.Status404NotFound, "organization_not_found");
                Add(StatusCodes.Status400BadRequest, "validation_failed");
            }
            Add(StatusCodes.Status503ServiceUnavailable, "storage_unavailable");
        }
        if (method.GetCustomAttribute<ETaggedAttribute>() is not null && !IsRead(verb))
        {
            // A change goes through the organization's committer: 412 when If-Match no longer matches, 409 when,
            // without If-Match, the organization kept changing under every attempt (Organizations/OrganizationUpdates.cs).
            Add(StatusCodes.Status412PreconditionFailed, "precondition_failed");
            Add(StatusCodes.Status409Conflict, "concurrent_update");
        }
        if (method.GetCustomAttribute<AcceptsJsonAttribute>() is not null)
        {
            Add(StatusCodes.Status400BadRequest, "bad_request", "malformed_json", "validation_failed");
            Add(StatusCodes.Status413PayloadTooLarge, "payload_too_large");
            Add(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type");
        }
        foreach (var declared in method.GetCustomAttributes<ProblemResponseAttribute>())
        {
            Add(declared.Status, declared.Codes);
        }
        Add(StatusCodes.Status500InternalServerError, "internal_error");
        return problems;
    }

    public static bool IsRead(string verb) => verb.Equals("get", StringComparison.OrdinalIgnoreCase) || verb.Equals("head", StringComparison.OrdinalIgnoreCase);

    private static JsonObject Successes(MethodInfo method, Func<Type, JsonNode> schema)
    {
        var responses = new JsonObject();
        var etag = method.GetCustomAttribute<ETaggedAttribute>() is not null;
        if (method.GetCustomAttribute<ContentResponseAttribute>() is { } content)
        {
            responses["200"] = new JsonObject
            {
                ["description"] = content.Description,
                ["content"] = new JsonObject { [content.ContentType] = new JsonObject { ["schema"] = content.ContentType.EndsWith("json", StringComparison.Ordinal) ? new JsonObject { ["type"] = "object" } : new JsonObject { ["type"] = "string" } } },
            };
            return responses;
        }
        foreach (var result in ResultTypes(method.ReturnType).Where(t => t != typeof(ProblemHttpResult)))
        {
            if (result == typeof(StreamedJsonResult))
            {
                responses["200"] = new JsonObject
                {
                    ["description"] = "OK (streamed, as an attachment)",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } },
                };
                continue;
            }
            if (result == typeof(NoContent))
            {
                responses["204"] = new JsonObject { ["description"] = ReasonPhrases.GetReasonPhrase(204) };
                continue;
            }
            var definition = result.IsGenericType ? result.GetGenericTypeDefinition() : result;
            var (status, headers) = definition switch
            {
                _ when definition == typeof(Ok<>) => (200, etag ? new[] { ETagHeader } : []),
                _ when definition == typeof(Created<>) => (201, etag ? new[] { ETagHeader, LocationHeader } : [LocationHeader]),
                _ when definition == typeof(Accepted<>) => (202, method.GetCustomAttribute<LocationHeaderAttribute>() is not null ? new[] { LocationHeader } : []),
                _ when definition == typeof(JsonHttpResult<>) => (503, []),
                _ => throw new InvalidOperationException($"{method.Name} returns {result.Name}, which the OpenAPI document cannot describe."),
            };
            var response = new JsonObject
            {
                ["description"] = ReasonPhrases.GetReasonPhrase(status),
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema(result.GetGenericArguments()[0]) } },
            };
            if (headers.Length > 0)
            {
                response["headers"] = Headers(headers);
            }
            responses[status.ToString(CultureInfo.InvariantCulture)] = response;
        }
        return responses;
    }

    /// <summary>The typed results a function may answer with: <c>Task&lt;Results&lt;Ok&lt;T&gt;, ProblemHttpResult&gt;&gt;</c> gives both.</summary>
    private static IEnumerable<Type> ResultTypes(Type returnType)
    {
        var type = returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>) ? returnType.GetGenericArguments()[0] : returnType;
        return type.IsGenericType && type.Name.StartsWith("Results`", StringComparison.Ordinal) ? type.GetGenericArguments() : [type];
    }

    private static JsonObject Headers(params string[] names)
    {
        var headers = new JsonObject();
        foreach (var name in names)
        {
            headers[name] = new JsonObject { ["$ref"] = "#/components/headers/" + name };
        }
        return headers;
    }

    private static JsonObject Header(string description, string type) => new()
    {
        ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = type },
    };
}
