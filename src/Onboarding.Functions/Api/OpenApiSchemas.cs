using System.Text.Json.Nodes;
using Onboarding.Domain;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.Wizard;

namespace Onboarding.Functions.Api;

/// <summary>
/// The named schemas of the OpenAPI document that no C# type describes: problem details, each wizard step's body (from
/// the catalog the app runs with) and the tracking events (from the event contract).
/// </summary>
public static class OpenApiSchemas
{
    public const string Problem = "Problem";
    public const string ProblemCode = "ProblemCode";
    public const string TrackingEvent = "TrackingEvent";
    public const string TrackingBatch = "TrackingBatch";
    public const string TrackingRequest = "TrackingRequest";
    public const string WizardStepRequest = "WizardStepRequest";

    public static string WizardStepBody(int number) => $"WizardStep{number}Body";

    public static JsonObject Ref(string name) => new() { ["$ref"] = "#/components/schemas/" + name };

    public static JsonObject Components(OnboardingCatalog catalog, IEnumerable<string> problemCodes)
    {
        var schemas = new JsonObject
        {
            [Problem] = ProblemSchema(),
            [ProblemCode] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "Every problem code the API answers with; each response lists the ones it can carry.",
                ["enum"] = Strings(problemCodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            },
            [TrackingEvent] = TrackingEventSchema(catalog.WizardStepCount),
            [TrackingBatch] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Up to 50 events, accepted together or not at all.",
                ["required"] = Strings(["events"]),
                ["additionalProperties"] = false,
                ["properties"] = new JsonObject
                {
                    ["events"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["maxItems"] = 50, ["items"] = Ref(TrackingEvent) },
                },
            },
        };
        schemas[TrackingRequest] = TrackingBody();
        schemas[WizardStepRequest] = WizardStepBodies(catalog);
        foreach (var step in catalog.WizardSteps)
        {
            schemas[WizardStepBody(step.Number)] = WizardStepSchema(step);
        }
        return schemas;
    }

    /// <summary>Step <c>n</c>'s body is <c>WizardStep{n}Body</c>; which one applies follows from the path's step number.</summary>
    private static JsonObject WizardStepBodies(OnboardingCatalog catalog) => new()
    {
        ["oneOf"] = new JsonArray([.. catalog.WizardSteps.Select(s => (JsonNode)Ref(WizardStepBody(s.Number)))]),
        ["description"] = "The fields of the step named in the path: " + string.Join(", ", catalog.WizardSteps.Select(s => $"step {s.Number} is {WizardStepBody(s.Number)}")) + ".",
    };

    private static JsonObject TrackingBody() => new()
    {
        ["oneOf"] = new JsonArray(Ref(TrackingEvent), Ref(TrackingBatch)),
        ["description"] = "One event, or {\"events\": [...]} with up to 50.",
    };

    private static JsonObject WizardStepSchema(WizardStepDefinition step)
    {
        var properties = new JsonObject();
        foreach (var field in step.Fields)
        {
            properties[field.Name] = FieldSchema(field);
        }
        return new JsonObject
        {
            ["type"] = "object",
            ["title"] = step.Key,
            ["description"] = $"Step {step.Number} ({step.Key}); at most {WizardStepValidator.MaxDataBytes} bytes.",
            ["required"] = Strings(step.Fields.Where(f => f.Required).Select(f => f.Name)),
            ["additionalProperties"] = false,
            ["properties"] = properties,
        };
    }

    private static JsonObject FieldSchema(FieldRule field)
    {
        var schema = field.Type switch
        {
            FieldType.String => new JsonObject { ["type"] = "string" },
            FieldType.Integer => new JsonObject { ["type"] = "integer" },
            FieldType.Boolean => new JsonObject { ["type"] = "boolean" },
            FieldType.Choice => new JsonObject { ["type"] = "string", ["enum"] = Strings(field.Choices ?? []) },
            FieldType.TimeZone => new JsonObject { ["type"] = "string", ["description"] = "An IANA time zone id, e.g. Europe/Berlin." },
            FieldType.LocalDateTime => new JsonObject
            {
                ["type"] = "string",
                ["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?$",
                ["description"] = "A local date and time without offset, e.g. 2026-03-14T10:00.",
            },
            _ => throw new InvalidOperationException($"No schema for field type {field.Type}."),
        };
        if (field.MinLength is { } minLength)
        {
            schema["minLength"] = minLength;
        }
        if (field.MaxLength is { } maxLength)
        {
            schema["maxLength"] = maxLength;
        }
        if (field.Min is { } min)
        {
            schema["minimum"] = min;
        }
        if (field.Max is { } max)
        {
            schema["maximum"] = max;
        }
        return schema;
    }

    private static JsonObject TrackingEventSchema(int wizardStepCount) => new()
    {
        ["type"] = "object",
        ["description"] = "An event the signed-in frontend reports (docs/event-contract.md); id, timestamp and organizationId are filled in when left out, and the user is the token's subject (counted by pseudonym only).",
        ["required"] = Strings(["type"]),
        ["additionalProperties"] = false,
        ["properties"] = new JsonObject
        {
            ["version"] = new JsonObject { ["type"] = "integer", ["enum"] = new JsonArray(EventContract.Version) },
            ["id"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$", ["description"] = "Unique per event; a repeated id is counted once." },
            ["organizationId"] = new JsonObject { ["type"] = "string", ["description"] = "The route's organization (any other is refused with 403)." },
            ["type"] = new JsonObject { ["type"] = "string", ["enum"] = Strings(OnboardingEventTypes.BrowserReportable.Order(StringComparer.Ordinal)) },
            ["timestamp"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            ["sessionId"] = new JsonObject { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = EventContract.MaxSessionIdLength },
            ["userAgent"] = new JsonObject { ["type"] = "string", ["maxLength"] = EventContract.MaxUserAgentLength, ["description"] = "Send this or client, not both; the request's User-Agent otherwise." },
            ["client"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = Strings(["browser", "operatingSystem", "deviceClass"]),
                ["additionalProperties"] = false,
                ["properties"] = new JsonObject
                {
                    ["browser"] = new JsonObject { ["type"] = "string", ["enum"] = Strings(ClientBrowsers.All.Order(StringComparer.Ordinal)) },
                    ["browserMajorVersion"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]{1,4}$" },
                    ["operatingSystem"] = new JsonObject { ["type"] = "string", ["enum"] = Strings(ClientOperatingSystems.All.Order(StringComparer.Ordinal)) },
                    ["deviceClass"] = new JsonObject { ["type"] = "string", ["enum"] = Strings(ClientDeviceClasses.All.Order(StringComparer.Ordinal)) },
                },
            },
            ["wizardStepReached"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = wizardStepCount },
            ["wizardStepDropped"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = wizardStepCount },
            ["stepDurationSeconds"] = new JsonObject { ["type"] = "number", ["minimum"] = 0 },
            ["completionTimeMinutes"] = new JsonObject { ["type"] = "number", ["minimum"] = 0 },
            ["isSample"] = new JsonObject { ["type"] = "boolean" },
            ["data"] = new JsonObject { ["type"] = "object", ["description"] = $"Free-form details, at most {EventContract.MaxDataBytes} bytes; contact details are scrubbed." },
            ["experiment"] = new JsonObject { ["type"] = "string", ["pattern"] = ExperimentPattern, ["description"] = "An experiment the event was seen under; with variant. The organization's first event naming it fixes its variant." },
            ["variant"] = new JsonObject { ["type"] = "string", ["pattern"] = ExperimentPattern, ["description"] = "The experiment's variant; with experiment." },
        },
    };

    private const string ExperimentPattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$";

    private static JsonObject ProblemSchema() => new()
    {
        ["type"] = "object",
        ["description"] = "Problem details (RFC 9457). type is urn:onboarding:problem:{code}; branch on code, never on the prose.",
        ["required"] = Strings(["type", "title", "status", "code"]),
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["type"] = "string" },
            ["title"] = new JsonObject { ["type"] = "string" },
            ["status"] = new JsonObject { ["type"] = "integer" },
            ["detail"] = new JsonObject { ["type"] = "string" },
            ["code"] = new JsonObject { ["type"] = "string", ["description"] = "Stable and machine-readable; see ProblemCode for every value." },
            ["traceId"] = new JsonObject { ["type"] = "string" },
            ["errors"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "With validation_failed: the messages for each invalid field.",
                ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            },
        },
    };

    /// <summary>An organization id as a path parameter accepts it.</summary>
    public static JsonObject OrganizationId() => new()
    {
        ["type"] = "string",
        ["pattern"] = "^[A-Za-z0-9][A-Za-z0-9._-]{0," + (OrganizationIds.MaxLength - 1) + "}$",
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
