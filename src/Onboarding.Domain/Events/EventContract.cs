using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Privacy;

namespace Onboarding.Domain.Events;

/// <summary>
/// The wire format of one onboarding event (version 1), shared by the queue and the browser tracking
/// endpoint: reading it with every rule applied and contact details scrubbed, and writing it back.
/// The full contract is in <c>docs/event-contract.md</c>.
/// </summary>
public static partial class EventContract
{
    public const int Version = 1;
    public const int MaxIdLength = 100;
    public const int MaxOrganizationIdLength = OrganizationIds.MaxLength;
    public const int MaxSessionIdLength = 100;
    public const int MaxUserAgentLength = 1024;
    public const int MaxDataBytes = 8192;

    /// <summary>How far ahead of the receiver's clock a timestamp may be; further is a broken clock or a forgery.</summary>
    public static TimeSpan MaxTimeAhead { get; } = TimeSpan.FromHours(24);

    public static DateTimeOffset EarliestTimestamp { get; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlySet<string> EventFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "version", "id", "organizationId", "type", "timestamp", "sessionId", "userAgent", "client",
        "wizardStepReached", "wizardStepDropped", "stepDurationSeconds", "completionTimeMinutes", "isSample", "data",
        "userId", "userKey", "experiment", "variant",
    };

    private static readonly IReadOnlySet<string> ClientFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "browser", "browserMajorVersion", "operatingSystem", "deviceClass",
    };

    /// <summary>
    /// Validates one event object. On success the event comes back with its user agent reduced to a
    /// <see cref="ClientInfo"/> and its <c>data</c> scrubbed of contact details; otherwise every problem found.
    /// </summary>
    /// <param name="now">The receiver's clock, to refuse timestamps too far ahead.</param>
    /// <param name="catalog">The catalog: its wizard's steps (the highest valid step) and its product activity types.</param>
    /// <param name="pseudonyms">Replaces a <c>userId</c> by its pseudonym at once; without it a <c>userId</c> is refused.</param>
    public static EventValidation ParseEvent(JsonElement json, DateTimeOffset now, OnboardingCatalog catalog, Pseudonyms? pseudonyms = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var wizardStepCount = catalog.WizardStepCount;
        var problems = new List<EventProblem>();
        if (json.ValueKind != JsonValueKind.Object)
        {
            return new EventValidation(null, [new EventProblem("event", "expected a JSON object")], 0);
        }
        var read = EventFieldReader.Open(json, EventFields, problems);

        if (read.Optional("version") is { } version && !IsSupportedVersion(version))
        {
            read.Problem("version", $"unsupported; this service reads version {Version}");
        }
        var id = Matching(read, "id", IdPattern(), $"1 to {MaxIdLength} letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        var organizationId = Matching(read, "organizationId", OrganizationIds.Pattern,
            $"1 to {MaxOrganizationIdLength} letters, digits, '.', '_' or '-', starting with a letter or digit");
        var type = read.RequiredString("type");
        if (type is not null && !catalog.IsKnownEventType(type))
        {
            read.Problem("type", "not a known event type");
            type = null;
        }
        var timestamp = Timestamp(read, now);
        var sessionId = read.OptionalString("sessionId");
        if (sessionId is { Length: 0 or > MaxSessionIdLength })
        {
            read.Problem("sessionId", $"expected 1 to {MaxSessionIdLength} characters");
        }
        var client = Client(read, problems);
        var wizardStepReached = read.OptionalWholeNumber("wizardStepReached", 1, wizardStepCount);
        var wizardStepDropped = read.OptionalWholeNumber("wizardStepDropped", 1, wizardStepCount);
        var stepDurationSeconds = read.OptionalNonNegativeNumber("stepDurationSeconds");
        var completionTimeMinutes = read.OptionalNonNegativeNumber("completionTimeMinutes");
        var isSample = read.OptionalBoolean("isSample");
        var data = read.OptionalBoundedObject("data", MaxDataBytes);
        var redactedValues = data is null ? 0 : EventDataScrubber.Scrub(data);
        var attribution = EventAttribution.Read(read, pseudonyms);
        if (type is not null)
        {
            EventTypeRules.Check(type, wizardStepReached, wizardStepDropped, isSample, data, read, catalog.Activity);
        }

        if (problems.Count == 0 && id is not null && organizationId is not null && type is not null && timestamp is { } at)
        {
            var parsed = new OnboardingEvent(id, organizationId, type, at, sessionId, client, wizardStepReached, wizardStepDropped,
                stepDurationSeconds, completionTimeMinutes, isSample, data, attribution.UserKey, attribution.Experiment, attribution.Variant);
            return new EventValidation(parsed, [], redactedValues);
        }
        return new EventValidation(null, problems, 0);
    }

    /// <summary>A batch envelope (<c>{"version": 1, "events": [...]}</c>) holding <paramref name="events"/>, as queue message text.</summary>
    public static string ToBatchMessage(IEnumerable<OnboardingEvent> events) =>
        new JsonObject { ["version"] = Version, ["events"] = new JsonArray([.. events.Select(ToJson)]) }.ToJsonString();

    /// <summary>
    /// The event in the wire format <see cref="ParseEvent"/> reads. Its client is written as <c>client</c> (the raw
    /// user agent is gone by then); fields at their defaults are left out.
    /// </summary>
    public static JsonObject ToJson(OnboardingEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var json = new JsonObject
        {
            ["id"] = e.Id,
            ["organizationId"] = e.OrganizationId,
            ["type"] = e.Type,
            ["timestamp"] = e.Timestamp.ToString("O", CultureInfo.InvariantCulture),
        };
        if (e.SessionId is not null)
        {
            json["sessionId"] = e.SessionId;
        }
        if (e.Client is { } client)
        {
            var clientJson = new JsonObject { ["browser"] = client.Browser };
            if (client.BrowserMajorVersion is not null)
            {
                clientJson["browserMajorVersion"] = client.BrowserMajorVersion;
            }
            clientJson["operatingSystem"] = client.OperatingSystem;
            clientJson["deviceClass"] = client.DeviceClass;
            json["client"] = clientJson;
        }
        if (e.WizardStepReached is { } reached)
        {
            json["wizardStepReached"] = reached;
        }
        if (e.WizardStepDropped is { } dropped)
        {
            json["wizardStepDropped"] = dropped;
        }
        if (e.StepDurationSeconds is { } seconds)
        {
            json["stepDurationSeconds"] = seconds;
        }
        if (e.CompletionTimeMinutes is { } minutes)
        {
            json["completionTimeMinutes"] = minutes;
        }
        if (e.IsSample)
        {
            json["isSample"] = true;
        }
        if (e.Data is not null)
        {
            json["data"] = e.Data.DeepClone();
        }
        if (e.UserKey is not null)
        {
            json["userKey"] = e.UserKey;
        }
        if (e.Experiment is not null)
        {
            json["experiment"] = e.Experiment;
            json["variant"] = e.Variant;
        }
        return json;
    }

    /// <summary>Whether a <c>version</c> value is one this service reads: the JSON integer 1.</summary>
    public static bool IsSupportedVersion(JsonElement version) =>
        version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var number) && number == Version;

    /// <summary>Whether <paramref name="id"/> is a well-formed event id (it becomes part of a table RowKey).</summary>
    public static bool IsWellFormedId(string id) => IdPattern().IsMatch(id);

    private static string? Matching(EventFieldReader read, string name, Regex pattern, string expected)
    {
        var value = read.RequiredString(name);
        if (value is null || pattern.IsMatch(value))
        {
            return value;
        }
        read.Problem(name, $"expected {expected}");
        return null;
    }

    private static DateTimeOffset? Timestamp(EventFieldReader read, DateTimeOffset now)
    {
        var text = read.RequiredString("timestamp");
        if (text is null)
        {
            return null;
        }
        // The shape check comes first: the ISO parser would take a missing offset as the server's local time.
        if (!TimestampShape().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var timestamp))
        {
            read.Problem("timestamp", "expected an ISO-8601 date and time with an offset, e.g. 2026-03-14T09:30:00Z or 2026-03-14T10:30:00+01:00");
            return null;
        }
        if (timestamp > now + MaxTimeAhead)
        {
            read.Problem("timestamp", "more than 24 hours after the current time: absurdly far in the future");
            return null;
        }
        if (timestamp < EarliestTimestamp)
        {
            read.Problem("timestamp", "before 2000-01-01");
            return null;
        }
        return timestamp;
    }

    private static ClientInfo? Client(EventFieldReader read, List<EventProblem> problems)
    {
        if (read.IsPresent("userAgent") && read.IsPresent("client"))
        {
            read.Problem("client", "send either userAgent or client, not both");
            return null;
        }
        if (read.OptionalString("userAgent") is { } userAgent)
        {
            if (userAgent.Length > MaxUserAgentLength)
            {
                read.Problem("userAgent", $"longer than {MaxUserAgentLength} characters");
                return null;
            }
            return string.IsNullOrWhiteSpace(userAgent) ? null : UserAgentParser.Parse(userAgent);
        }
        if (read.OptionalObject("client") is not { } clientJson)
        {
            return null;
        }
        var problemsBefore = problems.Count;
        var client = EventFieldReader.Open(clientJson, ClientFields, problems, "client.");
        var browser = OneOf(client, "browser", ClientBrowsers.All);
        var majorVersion = client.OptionalString("browserMajorVersion");
        if (majorVersion is not null && !MajorVersionPattern().IsMatch(majorVersion))
        {
            client.Problem("browserMajorVersion", "expected 1 to 4 digits");
        }
        var operatingSystem = OneOf(client, "operatingSystem", ClientOperatingSystems.All);
        var deviceClass = OneOf(client, "deviceClass", ClientDeviceClasses.All);
        return problems.Count == problemsBefore && browser is not null && operatingSystem is not null && deviceClass is not null
            ? new ClientInfo(browser, majorVersion, operatingSystem, deviceClass)
            : null;
    }

    private static string? OneOf(EventFieldReader read, string name, IReadOnlySet<string> allowed)
    {
        var value = read.RequiredString(name);
        if (value is null || allowed.Contains(value))
        {
            return value;
        }
        read.Problem(name, $"expected one of {string.Join(", ", allowed.Order(StringComparer.Ordinal))}");
        return null;
    }

    // \z, not $: $ also matches before a trailing newline, which must never reach a RowKey.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}\z")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,7})?(?:Z|[+-][0-9]{2}:[0-9]{2})\z")]
    private static partial Regex TimestampShape();

    [GeneratedRegex(@"^[0-9]{1,4}\z")]
    private static partial Regex MajorVersionPattern();
}
