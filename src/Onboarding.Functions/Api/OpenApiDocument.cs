using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Functions.Auth;

namespace Onboarding.Functions.Api;

/// <summary>
/// The OpenAPI 3.1 description of the HTTP functions, made from their declarations: route and methods from
/// <c>[HttpTrigger]</c>, security from <c>[Access]</c>, the body from <c>[AcceptsJson]</c>, responses and
/// their JSON Schemas from the typed results each function returns. So it cannot drift from the code.
/// </summary>
public static class OpenApiDocument
{
    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    public static JsonObject Build(Assembly app)
    {
        var paths = new JsonObject();
        foreach (var (name, method) in FunctionAccessPolicies.HttpFunctions(app).OrderBy(f => f.Function, StringComparer.Ordinal))
        {
            var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).First(t => t is not null)!;
            var path = "/api/" + (trigger.Route ?? name);
            var item = paths[path] as JsonObject ?? new JsonObject();
            paths[path] = item;
            foreach (var verb in trigger.Methods ?? [])
            {
                item[verb.ToLowerInvariant()] = Operation(name, method, path);
            }
        }
        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Onboarding API",
                ["version"] = "v1",
                ["description"] = "Setup wizard, checklist, tutorials, feature unlocks, sample data and event tracking for organizations.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject
                    {
                        ["type"] = "http",
                        ["scheme"] = "bearer",
                        ["bearerFormat"] = "JWT",
                        ["description"] = "A JWT whose organization claim names the organization of the route.",
                    },
                },
                ["schemas"] = new JsonObject { ["Problem"] = ProblemSchema() },
            },
        };
    }

    private static JsonObject Operation(string name, MethodInfo method, string path)
    {
        var access = method.GetCustomAttribute<AccessAttribute>()?.Level ?? AccessLevel.OrgAdmin;
        var operation = new JsonObject
        {
            ["operationId"] = name,
            ["tags"] = new JsonArray(method.DeclaringType!.Name.Replace("Functions", "", StringComparison.Ordinal)),
            ["x-access"] = access.ToString(),
        };
        var parameters = new JsonArray();
        foreach (var segment in path.Split('/').Where(s => s.StartsWith('{')))
        {
            parameters.Add(new JsonObject { ["name"] = segment.Trim('{', '}'), ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }
        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }
        if (method.GetCustomAttribute<AcceptsJsonAttribute>() is { } body)
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Schema(body.BodyType) } },
            };
        }
        if (access != AccessLevel.Anyone)
        {
            operation["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() });
        }
        operation["responses"] = Responses(method, access);
        return operation;
    }

    private static JsonObject Responses(MethodInfo method, AccessLevel access)
    {
        var responses = new JsonObject();
        foreach (var result in ResultTypes(method.ReturnType))
        {
            if (result == typeof(StreamedJsonResult))
            {
                responses["200"] = new JsonObject
                {
                    ["description"] = "OK (streamed)",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } },
                };
                continue;
            }
            var (status, description) = result.IsGenericType ? result.GetGenericTypeDefinition() switch
            {
                var t when t == typeof(Ok<>) => ("200", "OK"),
                var t when t == typeof(Created<>) => ("201", "Created"),
                var t when t == typeof(Accepted<>) => ("202", "Accepted"),
                var t when t == typeof(JsonHttpResult<>) => ("503", "Service unavailable"),
                _ => ("default", "Response"),
            } : ("default", "A problem (RFC 9457)");
            var schema = result.IsGenericType ? Schema(result.GetGenericArguments()[0]) : new JsonObject { ["$ref"] = "#/components/schemas/Problem" };
            var contentType = result.IsGenericType ? "application/json" : "application/problem+json";
            responses[status] = new JsonObject
            {
                ["description"] = description,
                ["content"] = new JsonObject { [contentType] = new JsonObject { ["schema"] = schema } },
            };
        }
        if (access != AccessLevel.Anyone)
        {
            responses.TryAdd("default", new JsonObject
            {
                ["description"] = "A problem (RFC 9457): 401 without a valid token, 403 for a missing role, 404 for another organization.",
                ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Problem" } } },
            });
        }
        return responses;
    }

    /// <summary>The typed results a function may answer with: <c>Task&lt;Results&lt;Ok&lt;T&gt;, ProblemHttpResult&gt;&gt;</c> gives both.</summary>
    private static IEnumerable<Type> ResultTypes(Type returnType)
    {
        var type = returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>) ? returnType.GetGenericArguments()[0] : returnType;
        return type.IsGenericType && type.Name.StartsWith("Results`", StringComparison.Ordinal) ? type.GetGenericArguments() : [type];
    }

    private static JsonNode Schema(Type type) =>
        type == typeof(object) ? new JsonObject { ["type"] = "object" } : Json.GetJsonSchemaAsNode(type, SchemaOptions);

    private static readonly JsonSchemaExporterOptions SchemaOptions = new()
    {
        // A DateTime here is a local time without offset ("2026-03-01T10:00:00"), which RFC 3339's date-time is not.
        TransformSchemaNode = (context, schema) =>
        {
            if (context.TypeInfo.Type == typeof(DateTime) && schema is JsonObject local)
            {
                local.Remove("format");
                local["description"] = "A local date and time without offset (ISO 8601, e.g. 2026-03-01T10:00:00).";
            }
            return schema;
        },
    };

    private static JsonObject ProblemSchema() => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray("type", "title", "status", "code"),
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["type"] = "string" },
            ["title"] = new JsonObject { ["type"] = "string" },
            ["status"] = new JsonObject { ["type"] = "integer" },
            ["detail"] = new JsonObject { ["type"] = "string" },
            ["code"] = new JsonObject { ["type"] = "string" },
            ["traceId"] = new JsonObject { ["type"] = "string" },
            ["errors"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } } },
        },
    };

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        ApiSetup.Configure(options);
        options.MakeReadOnly();
        return options;
    }
}
