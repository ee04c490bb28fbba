using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Domain.Catalog;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Http;

namespace Onboarding.Functions.Api;

/// <summary>
/// The OpenAPI 3.1 description of the HTTP functions, made from their declarations: route and methods from
/// <c>[HttpTrigger]</c>, security from <c>[Access]</c>, the body from <c>[AcceptsJson]</c>, query parameters,
/// ETags and refusals from their attributes, responses and their JSON Schemas from the typed results each function
/// returns, and the wizard steps' bodies from the catalog the app runs with. So it cannot drift from the code.
/// </summary>
public static class OpenApiDocument
{
    public const string BearerScheme = "bearer";
    public const string IfMatchParameter = "IfMatch";

    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    public static JsonObject Build(Assembly app, OnboardingCatalog catalog)
    {
        var paths = new JsonObject();
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, method) in FunctionAccessPolicies.HttpFunctions(app).OrderBy(f => f.Function, StringComparer.Ordinal))
        {
            var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).First(t => t is not null)!;
            var path = "/api/" + (trigger.Route ?? name);
            var item = paths[path] as JsonObject ?? new JsonObject();
            paths[path] = item;
            foreach (var verb in trigger.Methods ?? [])
            {
                var access = method.GetCustomAttribute<AccessAttribute>()?.Level ?? AccessLevel.OrgAdmin;
                codes.UnionWith(OpenApiResponses.Problems(method, access, path, verb).SelectMany(p => p.Value));
                item[verb.ToLowerInvariant()] = Operation(name, method, access, path, verb, catalog);
            }
        }
        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Onboarding API",
                ["version"] = "v1",
                ["description"] = "Setup wizard, checklist, tutorials, feature unlocks, sample data and event tracking for organizations. "
                    + "Refusals are problem details (RFC 9457) with a stable code; changes take If-Match with the ETag last read.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    [BearerScheme] = new JsonObject
                    {
                        ["type"] = "http",
                        ["scheme"] = "bearer",
                        ["bearerFormat"] = "JWT",
                        ["description"] = "A JWT whose organization claim names the organization of the route (locally: scripts/dev-token.sh).",
                    },
                },
                ["parameters"] = new JsonObject
                {
                    [IfMatchParameter] = new JsonObject
                    {
                        ["name"] = "If-Match",
                        ["in"] = "header",
                        ["required"] = false,
                        ["description"] = "The ETag last read: the change is refused with 412 if the organization changed since. Left out, the change applies unconditionally.",
                        ["schema"] = new JsonObject { ["type"] = "string" },
                    },
                },
                ["headers"] = OpenApiResponses.HeaderComponents(),
                ["schemas"] = OpenApiSchemas.Components(catalog, codes),
            },
        };
    }

    private static JsonObject Operation(string name, MethodInfo method, AccessLevel access, string path, string verb, OnboardingCatalog catalog)
    {
        var operation = new JsonObject
        {
            ["operationId"] = name,
            ["summary"] = Summary(name),
            ["tags"] = new JsonArray(method.DeclaringType!.Name.Replace("Functions", "", StringComparison.Ordinal)),
            ["description"] = $"Who may call it: {access}.",
            ["x-access"] = access.ToString(),
        };
        var parameters = new JsonArray();
        foreach (var segment in path.Split('/').Where(s => s.StartsWith('{')))
        {
            var parameter = segment.Trim('{', '}');
            parameters.Add(new JsonObject { ["name"] = parameter, ["in"] = "path", ["required"] = true, ["schema"] = PathParameterSchema(parameter, catalog) });
        }
        foreach (var query in method.GetCustomAttributes<QueryParameterAttribute>())
        {
            var schema = new JsonObject { ["type"] = query.Type };
            if (query.Format is { } format)
            {
                schema["format"] = format;
            }
            parameters.Add(new JsonObject { ["name"] = query.Name, ["in"] = "query", ["required"] = query.Required, ["description"] = query.Description, ["schema"] = schema });
        }
        if (method.GetCustomAttribute<ETaggedAttribute>() is not null && !OpenApiResponses.IsRead(verb))
        {
            parameters.Add(new JsonObject { ["$ref"] = "#/components/parameters/" + IfMatchParameter });
        }
        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }
        if (method.GetCustomAttribute<AcceptsJsonAttribute>() is { } body)
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = body.Required,
                ["content"] = new JsonObject
                {
                    ["application/json"] = new JsonObject { ["schema"] = body.SchemaName is { } schemaName ? OpenApiSchemas.Ref(schemaName) : RequestSchema(body.BodyType!) },
                },
            };
        }
        operation["security"] = access == AccessLevel.Anyone
            ? new JsonArray()
            : new JsonArray(new JsonObject { [BearerScheme] = new JsonArray() });
        operation["responses"] = OpenApiResponses.For(method, access, path, verb, Schema);
        return operation;
    }

    /// <summary>The operation id as words: <c>SubmitWizardStep</c> is "Submit wizard step".</summary>
    private static string Summary(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    private static JsonObject PathParameterSchema(string name, OnboardingCatalog catalog) => name switch
    {
        OrganizationAccess.OrgIdRouteValue => OpenApiSchemas.OrganizationId(),
        "step" => new JsonObject { ["type"] = "integer", ["enum"] = new JsonArray([.. catalog.WizardSteps.Select(s => (JsonNode)JsonValue.Create(s.Number))]) },
        "tutorialId" => new JsonObject { ["type"] = "string", ["description"] = "One of the catalog's tutorials: " + string.Join(", ", catalog.Tutorials.Select(t => t.Id)) + "." },
        "taskId" => new JsonObject { ["type"] = "string", ["description"] = "One of the catalog's checklist tasks: " + string.Join(", ", catalog.ChecklistTasks.Select(t => t.Id)) + "." },
        _ => new JsonObject { ["type"] = "string" },
    };

    private static JsonNode Schema(Type type) => Schema(type, ResponseSchemaOptions);

    private static JsonNode RequestSchema(Type type) => Schema(type, RequestSchemaOptions);

    private static JsonNode Schema(Type type, JsonSchemaExporterOptions options) =>
        type == typeof(object) ? new JsonObject { ["type"] = "object" } : Inlined(Json.GetJsonSchemaAsNode(type, options));

    /// <summary>
    /// The exporter writes a type met a second time as a <c>$ref</c> to its first place (<c>#/properties/steps/items</c>),
    /// relative to this schema's root, which means nothing once the schema sits inside the OpenAPI document: such
    /// references are replaced by a copy of what they point to (the views are not recursive).
    /// </summary>
    private static JsonNode Inlined(JsonNode root)
    {
        JsonNode? Resolve(string pointer) => pointer[2..].Split('/').Aggregate((JsonNode?)root, (node, part) => node?[part.Replace("~1", "/").Replace("~0", "~")]);
        void Visit(JsonNode? node)
        {
            if (node is JsonObject json)
            {
                foreach (var (name, child) in json.ToList())
                {
                    if (child is JsonObject { Count: 1 } reference && reference["$ref"]?.GetValue<string>() is { } pointer && pointer.StartsWith("#/", StringComparison.Ordinal)
                        && Resolve(pointer) is { } target)
                    {
                        json[name] = target.DeepClone();
                    }
                    Visit(json[name]);
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var item in array)
                {
                    Visit(item);
                }
            }
        }
        Visit(root);
        return root;
    }

    /// <summary>A request body's members are required as its record's constructor requires them.</summary>
    private static readonly JsonSchemaExporterOptions RequestSchemaOptions = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = (context, schema) => Conventions(context, schema, response: false),
    };

    /// <summary>A response body and the items of its lists are never null; members that can be say so in their nullable annotations.</summary>
    private static readonly JsonSchemaExporterOptions ResponseSchemaOptions = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = (context, schema) => Conventions(context, schema, response: true),
    };

    private static JsonNode Conventions(JsonSchemaExporterContext context, JsonNode schema, bool response)
    {
        // Free-form JSON (JsonElement) exports as the boolean schema true, which OpenAPI tools do not all read.
        if (schema.GetValueKind() == JsonValueKind.True)
        {
            return new JsonObject { ["description"] = "Any JSON value." };
        }
        // The API writes every member of its views, null or not (HttpSetup ignores none), except those a view leaves out
        // when null ([JsonIgnore(Condition = WhenWritingNull)]: they have a ShouldSerialize), so those are not required.
        if (response && context.TypeInfo.Kind == JsonTypeInfoKind.Object && schema is JsonObject view && view["properties"] is JsonObject members)
        {
            var optional = context.TypeInfo.Properties.Where(p => p.ShouldSerialize is not null).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            view["required"] = new JsonArray([.. members.Where(m => !optional.Contains(m.Key)).Select(m => (JsonNode)JsonValue.Create(m.Key))]);
        }
        // A view with [JsonExtensionData] writes further members of any name beside its own; the exporter leaves them out.
        if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && schema is JsonObject open
            && context.TypeInfo.Type.GetProperties().Any(p => p.IsDefined(typeof(JsonExtensionDataAttribute), inherit: false)))
        {
            open["additionalProperties"] = new JsonObject { ["description"] = "Any JSON value." };
        }
        // A DateTime here is a local time without offset ("2026-03-01T10:00:00"), which RFC 3339's date-time is not.
        if (context.TypeInfo.Type == typeof(DateTime) && schema is JsonObject local)
        {
            local.Remove("format");
            local["description"] = "A local date and time without offset (ISO 8601, e.g. 2026-03-01T10:00:00).";
        }
        return schema;
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        // Nullable annotations say which members may be null; a constructor parameter without a default is required.
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        HttpSetup.Configure(options);
        options.MakeReadOnly();
        return options;
    }
}
