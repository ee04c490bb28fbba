using System.Text;
using System.Text.Json.Nodes;

namespace Onboarding.Functions.Tests.Fuzz;

/// <summary>
/// One hostile request: what it is, and, when it must be refused, the statuses that refuse it for the
/// right reason (null: any answer below 500 will do).
/// </summary>
public sealed record FuzzRequest(
    int Index,
    string Category,
    string Method,
    string Path,
    byte[]? Body,
    string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? TokenOrganization,
    IReadOnlyCollection<int>? Refusals,
    string Route)
{
    /// <summary>Where a failure belongs when failures are counted: the kind of input and the route.</summary>
    public string Group => $"[{Category}] {Method} {Route}";

    public string Describe()
    {
        var body = Body is null ? "(no body)" : Body.Length > 160 ? $"{Preview(Body[..160])}… ({Body.Length} bytes)" : Preview(Body);
        var path = Path.Length > 160 ? $"{Path[..160]}… ({Path.Length} chars)" : Path;
        var headers = string.Join(", ", Headers.Select(h => $"{h.Key}: {(h.Value.Length > 60 ? h.Value[..60] + $"… ({h.Value.Length} chars)" : h.Value)}"));
        return $"#{Index} [{Category}] {Method} /api{path} Content-Type: {ContentType ?? "(none)"}{(headers.Length > 0 ? "; " + headers : "")}"
            + $"{(TokenOrganization is null ? "" : $"; token org '{Preview(Encoding.UTF8.GetBytes(TokenOrganization[..Math.Min(40, TokenOrganization.Length)]))}'")}; body {body}";
    }

    /// <summary>Bytes as text, with anything that is not printable ASCII shown as \xNN.</summary>
    private static string Preview(byte[] bytes) =>
        string.Concat(bytes.Select(b => b is >= 0x20 and < 0x7f ? ((char)b).ToString() : $"\\x{b:X2}"));
}

/// <summary>A route of the README's API table: method, path template and the body it takes.</summary>
public sealed record FuzzRoute(string Method, string Template, Func<Random, JsonObject>? Body, bool BodyOptional = false, bool RefusesUnknownFields = false,
    bool Unconditional = false)
{
    public bool IsChange => Method != "GET";

    public bool TakesBody => Body is not null;
}

/// <summary>
/// Generates hostile requests from a seed: for every route, hostile ids in every path segment, wrong
/// methods, oversized headers, stale If-Match, wrong content types; for every body, malformed JSON and
/// encodings, wrong types, unknown fields, huge numbers, deep nesting, oversized bodies.
/// </summary>
public sealed class HttpFuzzCases(int seed)
{
    /// <summary>Stands for the organization under attack in paths; each worker puts its own in.</summary>
    public const string Target = "TARGET-ORG";

    private const string SurrogateMark = "@@lone-surrogate@@";
    private const string InvalidUtf8Mark = "@@invalid-utf8@@";

    private static readonly string[] Tutorials = ["events_intro", "teams_setup", "availability_management", "solver_run", "schedule_export"];
    private static readonly string[] Surrogates = [@"\ud800", @"\udfff", @"\uDBFF", @"\ud800\ud800", @"x\udc00y", @"\udfff\ud800"];
    private static readonly byte[][] InvalidUtf8 =
    [
        [0xC3, 0x28], [0xFF], [0xFE], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x80],
    ];
    private static readonly string[] MalformedJson =
    [
        "{", "}", "{\"a\":", "{'showAll': true}", "{\"a\":1,}", "[1,2", "{\"a\":NaN}", "{\"a\":Infinity}", "{/*c*/\"a\":1}", "{\"a\":1} trailing",
        "{\"a\":\"unterminated}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":-}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "{\"a\" 1}",
        "{\"a\":tru}", "{\"a\":\"tab\there\"}", "\u0000", "{\"a\":1}{\"b\":2}", "{{}}", "[}", "\"unterminated", "{\"a\":\"\n\"}",
    ];
    private static readonly JsonNode?[] OddValues =
    [
        JsonValue.Create(42), JsonValue.Create("two"), JsonValue.Create(true), JsonValue.Create(false), new JsonArray(), new JsonObject(),
        new JsonArray(1, 2), new JsonObject { ["nested"] = 1 }, JsonValue.Create(-1), JsonValue.Create(2.5), JsonValue.Create(""),
    ];
    private static readonly string[] HugeNumbers =
    [
        "1e400", "-1e400", "99999999999999999999999999999999", "-99999999999999999999999", "1e20", "2147483648", "-2147483649",
        "9223372036854775808", "1.0000000000000000000001", "1E+999", "0.000000000000000000001", "4.9e-325",
    ];
    private static readonly string[] HostileSegments =
    [
        "%00", "a%00b", "..", "%2e%2e", ".", "%2F", "a%2Fb", "%5C", "'", "%27%20or%20%271%27%3D%271", "%22", "%C3%B6rg", "%F0%9F%98%80",
        "%FF", "%ED%A0%80", "%23", "%3F", "%20", "%09", "%0A", "%0D%0A", "%25", "~", "%7B%7D", "null", "-1", "0", "99999999999999999999",
        "a'b\"c", "%E2%80%AE", "%EF%BB%BF", "%C0%AE", "$filter", "PartitionKey%20eq%20'x'", "%2A",
    ];
    private static readonly string[] WrongContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx",
        "application/octet-stream", "text/json-ish", "image/png", "application",
    ];

    /// <summary>A body refused for itself, whatever the organization's state: never a 409 that means it was read as valid.</summary>
    private static readonly int[] BodyRefused = [400, 413, 415, 422];
    private static readonly int[] NotFound = [404, 400, 414];

    /// <summary>A dot segment (<c>..</c>, <c>%2e%2e</c>) is resolved by the server, so the request can land on a neighbouring route with other methods.</summary>
    private static readonly int[] NotFoundOrResolvedAway = [404, 400, 414, 405];
    private static readonly int[] MethodRefused = [405, 404];
    private static readonly int[] HeadersRefused = [431, 400];
    private static readonly int[] Unsupported = [415];
    private static readonly int[] PreconditionFailed = [412];

    private readonly Random random = new(seed);
    private readonly List<FuzzRequest> requests = [];

    public static IReadOnlyList<FuzzRoute> Routes { get; } =
    [
        new("GET", "/health", null),
        new("GET", "/orgs/{org}/onboarding", null),
        // Erasure takes no If-Match: it is meant to succeed whatever the organization holds.
        new("DELETE", "/orgs/{org}/onboarding", null, Unconditional: true),
        new("GET", "/orgs/{org}/onboarding/export", null),
        new("GET", "/orgs/{org}/onboarding/erasure", null),
        new("POST", "/orgs/{org}/onboarding/reset", null),
        new("GET", "/orgs/{org}/onboarding/wizard", null),
        new("POST", "/orgs/{org}/onboarding/wizard/start", null),
        new("PUT", "/orgs/{org}/onboarding/wizard/steps/{step}", _ => new JsonObject(), RefusesUnknownFields: true),
        new("POST", "/orgs/{org}/onboarding/wizard/skip", null),
        new("GET", "/orgs/{org}/onboarding/checklist", null),
        new("POST", "/orgs/{org}/onboarding/checklist/{task}/complete", null),
        new("GET", "/orgs/{org}/onboarding/features", null),
        new("PUT", "/orgs/{org}/onboarding/features", r => new JsonObject { ["showAll"] = r.Next(2) == 0 }),
        new("GET", "/orgs/{org}/onboarding/tutorials", null),
        new("POST", "/orgs/{org}/onboarding/tutorials/{tutorial}/start", null),
        new("POST", "/orgs/{org}/onboarding/tutorials/{tutorial}/progress", r => new JsonObject { ["stepsCompleted"] = r.Next(1, 4) }),
        new("POST", "/orgs/{org}/onboarding/tutorials/{tutorial}/complete", null),
        new("POST", "/orgs/{org}/onboarding/tutorials/{tutorial}/skip", r => new JsonObject { ["stepReached"] = r.Next(1, 4) }, BodyOptional: true),
        new("POST", "/orgs/{org}/onboarding/sample-data", null),
        new("GET", "/orgs/{org}/onboarding/sample-data", null),
        new("DELETE", "/orgs/{org}/onboarding/sample-data", null),
        new("POST", "/orgs/{org}/onboarding/events", r => r.Next(2) == 0
            ? new JsonObject { ["type"] = "view_reports" }
            : new JsonObject { ["type"] = "video_played", ["sessionId"] = "s-1", ["data"] = new JsonObject { ["videoId"] = "intro" } },
            RefusesUnknownFields: true),
    ];

    public IReadOnlyList<FuzzRequest> Generate()
    {
        foreach (var route in Routes)
        {
            HostileIds(route, 24);
            WrongMethods(route);
            OversizedHeaders(route, 3);
            if (route.IsChange && !route.Unconditional && route.Template != "/orgs/{org}/onboarding/events")
            {
                StaleIfMatch(route, 4);
            }
            if (route.TakesBody)
            {
                WrongContentTypes_(route, 6, Unsupported);
                Bodies(route, 190);
            }
            else if (route.IsChange)
            {
                WrongContentTypes_(route, 3, null);
                JunkBodiesOnBodilessRoute(route, 14);
            }
        }
        return requests;
    }

    private void Add(string category, FuzzRoute route, string path, byte[]? body, string? contentType, IReadOnlyCollection<int>? refusals,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null, string? tokenOrganization = null, string? method = null) =>
        requests.Add(new FuzzRequest(requests.Count, category, method ?? route.Method, path, body, contentType, headers ?? [], tokenOrganization, refusals, route.Template));

    /// <summary>The route's path with ordinary values, and the valid body that goes with it.</summary>
    private (string Path, JsonObject? Body) Ordinary(FuzzRoute route, Dictionary<string, string>? replace = null)
    {
        var step = random.Next(1, 6);
        var values = new Dictionary<string, string>
        {
            ["org"] = Target,
            ["step"] = step.ToString(),
            ["task"] = random.Next(2) == 0 ? "add_team" : "view_reports",
            ["tutorial"] = Tutorials[random.Next(Tutorials.Length)],
        };
        foreach (var (key, value) in replace ?? [])
        {
            values[key] = value;
        }
        var path = route.Template;
        foreach (var (key, value) in values)
        {
            path = path.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }
        var body = route.Template.EndsWith("/steps/{step}", StringComparison.Ordinal)
            ? JsonNode.Parse(Wizard.WizardApiTests.Steps[step - 1])!.AsObject()
            : route.Body?.Invoke(random);
        return (path, body);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static IEnumerable<string> Segments(string template) =>
        new[] { "org", "step", "task", "tutorial" }.Where(s => template.Contains("{" + s + "}", StringComparison.Ordinal));

    private void HostileIds(FuzzRoute route, int count)
    {
        var segments = Segments(route.Template).ToList();
        if (segments.Count == 0)
        {
            return;
        }
        for (var i = 0; i < count; i++)
        {
            var segment = segments[random.Next(segments.Count)];
            var hostile = random.Next(8) switch
            {
                0 => new string('a', random.Next(2) == 0 ? 12_000 : 2_000),
                1 => string.Concat(Enumerable.Repeat("%C3%A9", random.Next(100, 400))),
                _ => HostileSegments[random.Next(HostileSegments.Length)],
            };
            var (path, body) = Ordinary(route, new() { [segment] = hostile });
            // The organization's own token for a hostile organization id: only "no 5xx, problems for 4xx" applies.
            string? tokenOrganization = null;
            if (segment == "org" && random.Next(3) == 0)
            {
                tokenOrganization = Uri.UnescapeDataString(hostile);
            }
            Add("hostile id in {" + segment + "}", route, path, body is null ? null : Utf8(body.ToJsonString()), body is null ? null : "application/json",
                tokenOrganization is null ? (IsDotSegment(hostile) ? NotFoundOrResolvedAway : NotFound) : null, tokenOrganization: tokenOrganization);
        }
    }

    private static bool IsDotSegment(string segment) => Uri.UnescapeDataString(segment) is "." or "..";

    private void WrongMethods(FuzzRoute route)
    {
        var mapped = Routes.Where(r => r.Template == route.Template).Select(r => r.Method).ToHashSet();
        if (mapped.First() != route.Method)
        {
            return;
        }
        foreach (var method in new[] { "GET", "POST", "PUT", "DELETE", "PATCH" }.Where(m => !mapped.Contains(m)))
        {
            var (path, body) = Ordinary(route);
            Add("wrong method", route, path, body is null ? null : Utf8(body.ToJsonString()), body is null ? null : "application/json", MethodRefused, method: method);
        }
    }

    private void OversizedHeaders(FuzzRoute route, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (path, body) = Ordinary(route);
            IReadOnlyList<KeyValuePair<string, string>> headers = random.Next(3) switch
            {
                0 => [new("X-Fuzz", new string('h', random.Next(40_000, 70_000)))],
                1 => Enumerable.Range(0, 120).Select(n => new KeyValuePair<string, string>($"X-Fuzz-{n}", new string('h', 400))).ToList(),
                _ => [new("Cookie", new string('c', random.Next(33_000, 50_000)))],
            };
            Add("oversized headers", route, path, body is null ? null : Utf8(body.ToJsonString()), body is null ? null : "application/json", HeadersRefused, headers: headers);
        }
    }

    private void StaleIfMatch(FuzzRoute route, int count)
    {
        string[] stale = ["\"0x8DE0000000000000\"", "W/\"datetime'2001-01-01T00%3A00%3A00.0000000Z'\"", "\"stale\"", "W/\"1\""];
        for (var i = 0; i < count; i++)
        {
            var (path, body) = Ordinary(route);
            Add("stale If-Match", route, path, body is null ? null : Utf8(body.ToJsonString()), body is null ? null : "application/json", PreconditionFailed,
                headers: [new("If-Match", stale[i % stale.Length])]);
        }
    }

    private void WrongContentTypes_(FuzzRoute route, int count, IReadOnlyCollection<int>? refusals)
    {
        for (var i = 0; i < count; i++)
        {
            var (path, body) = Ordinary(route);
            var contentType = random.Next(6) == 0 ? null : WrongContentTypes[random.Next(WrongContentTypes.Length)];
            Add("wrong content type", route, path, Utf8((body ?? new JsonObject()).ToJsonString()), contentType, refusals);
        }
    }

    private void JunkBodiesOnBodilessRoute(FuzzRoute route, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (path, _) = Ordinary(route);
            var body = random.Next(5) switch
            {
                0 => Utf8(MalformedJson[random.Next(MalformedJson.Length)]),
                1 => Utf8("{\"a\":\"" + SurrogateMark + "\"}").Replace(SurrogateMark, Surrogates[random.Next(Surrogates.Length)]),
                2 => Utf8("{\"a\":\"" + new string('x', random.Next(70_000, 1_200_000)) + "\"}"),
                3 => [.. Utf8("{\"a\":\""), .. InvalidUtf8[random.Next(InvalidUtf8.Length)], .. Utf8("\"}")],
                _ => Utf8(new string('[', 5_000) + new string(']', 5_000)),
            };
            Add("junk body on a route without one", route, path, body, "application/json", null);
        }
    }

    private void Bodies(FuzzRoute route, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (path, template) = Ordinary(route);
            var body = template!;
            var fields = body.Select(p => p.Key).ToList();
            var field = fields[random.Next(fields.Count)];
            var kind = random.Next(15);
            var (category, bytes, mustRefuse) = kind switch
            {
                0 => ("malformed JSON", Utf8(MalformedJson[random.Next(MalformedJson.Length)]), true),
                1 => ("invalid UTF-8", WithMark(body, InvalidUtf8Mark, random.Next(3) == 0), true),
                2 or 3 => ("lone surrogate", WithMark(body, SurrogateMark, random.Next(3) == 0), true),
                4 => BomBody(body),
                5 => ("deep nesting", WithValue(body, field, NestedText(random.Next(65, 3_000))), true),
                6 => ("huge number", WithValue(body, NumericOrAny(body), HugeNumbers[random.Next(HugeNumbers.Length)]), true),
                7 => ("duplicate keys", DuplicateKey(body, field), false),
                8 => ("wrong root type", Utf8(new[] { "[]", "\"two\"", "5", "true", "null", "[{}]", "\"\"", "-1", "[null]" }[random.Next(9)]), true),
                9 or 10 => ("wrong field type", WithValue(body, field, OddValueFor(body[field])), true),
                11 => ("unknown field", Utf8(With(body, new[] { "shoeSize", "ShowAll", "__proto__", "$type", "constructor", "" }[random.Next(6)], JsonValue.Create(1)).ToJsonString()),
                    route.RefusesUnknownFields),
                12 => ("oversized body", WithValue(body, field, "\"" + new string('x', random.Next(2) == 0 ? random.Next(40_000, 80_000) : 1_200_000) + "\""), true),
                13 => ("empty body", [], !route.BodyOptional),
                _ => ("null or missing field", Utf8(Without(body, field, random.Next(2) == 0).ToJsonString()), fields.Count > 0 && !route.BodyOptional && !IsOptionalField(field)),
            };
            Add(category, route, path, bytes, "application/json", mustRefuse ? BodyRefused : null);
        }
    }

    private static bool IsOptionalField(string field) => field is "location" or "sessionId" or "data" or "stepReached";

    private static string NestedText(int depth) => new string('[', depth) + new string(']', depth);

    private string NumericOrAny(JsonObject body)
    {
        var numeric = body.Where(p => p.Value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number).Select(p => p.Key).ToList();
        var all = body.Select(p => p.Key).ToList();
        return numeric.Count > 0 ? numeric[random.Next(numeric.Count)] : all[random.Next(all.Count)];
    }

    private JsonNode? OddValueFor(JsonNode? current)
    {
        var kind = current?.GetValueKind();
        var candidates = OddValues.Where(v => v!.GetValueKind() != kind
            && !(kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False && v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)).ToList();
        return candidates[random.Next(candidates.Count)]!.DeepClone();
    }

    private static JsonObject With(JsonObject body, string field, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        copy[field] = value?.DeepClone();
        return copy;
    }

    private static JsonObject Without(JsonObject body, string field, bool asNull)
    {
        var copy = body.DeepClone().AsObject();
        if (asNull)
        {
            copy[field] = null;
        }
        else
        {
            copy.Remove(field);
        }
        return copy;
    }

    private static byte[] WithValue(JsonObject body, string field, JsonNode? value) => Utf8(With(body, field, value).ToJsonString());

    /// <summary>The body with raw JSON text as one field's value (text no JSON writer would produce).</summary>
    private static byte[] WithValue(JsonObject body, string field, string rawValue)
    {
        var marker = "\"@@raw-value@@\"";
        return Utf8(With(body, field, "@@raw-value@@").ToJsonString().Replace(marker, rawValue, StringComparison.Ordinal));
    }

    /// <summary>Puts a lone surrogate escape or invalid UTF-8 bytes in a string value (or in a key).</summary>
    private byte[] WithMark(JsonObject body, string mark, bool inKey)
    {
        var strings = body.Where(p => p.Value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String).Select(p => p.Key).ToList();
        var nested = body["data"] is JsonObject;
        string text;
        if (inKey || (strings.Count == 0 && !nested))
        {
            // In a key: the field is then unknown as well as badly encoded.
            var fields = body.Select(p => p.Key).ToList();
            var field = fields[random.Next(fields.Count)];
            var copy = new JsonObject();
            foreach (var (key, value) in body)
            {
                copy[key == field ? key[..1] + mark + key[1..] : key] = value?.DeepClone();
            }
            text = copy.ToJsonString();
        }
        else if (nested && (strings.Count == 0 || random.Next(2) == 0))
        {
            var copy = body.DeepClone().AsObject();
            copy["data"]!["videoId"] = "intro" + mark;
            text = copy.ToJsonString();
        }
        else
        {
            var field = strings[random.Next(strings.Count)];
            text = With(body, field, (string)body[field]! + mark).ToJsonString();
        }
        var bytes = Utf8(text);
        return mark == SurrogateMark
            ? bytes.Replace(mark, Surrogates[random.Next(Surrogates.Length)])
            : bytes.Replace(mark, InvalidUtf8[random.Next(InvalidUtf8.Length)]);
    }

    private (string, byte[], bool) BomBody(JsonObject body)
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        return random.Next(3) switch
        {
            // A UTF-8 BOM before a valid body is tolerable either way.
            0 => ("BOM before a valid body", [.. bom, .. Utf8(body.ToJsonString())], false),
            1 => ("BOM before malformed JSON", [.. bom, .. Utf8(MalformedJson[random.Next(MalformedJson.Length)])], true),
            _ => ("UTF-16 body labelled UTF-8", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(body.ToJsonString())], true),
        };
    }

    private static byte[] DuplicateKey(JsonObject body, string field)
    {
        var text = body.ToJsonString();
        var duplicate = $"\"{field}\":{body[field]?.ToJsonString() ?? "null"},";
        return Utf8("{" + duplicate + text[1..]);
    }
}

internal static class ByteReplacement
{
    /// <summary>Replaces the UTF-8 text <paramref name="mark"/> with raw bytes (or with more text).</summary>
    public static byte[] Replace(this byte[] bytes, string mark, string text) => bytes.Replace(mark, Encoding.UTF8.GetBytes(text));

    public static byte[] Replace(this byte[] bytes, string mark, byte[] replacement)
    {
        var needle = Encoding.UTF8.GetBytes(mark);
        var at = bytes.AsSpan().IndexOf(needle);
        return at < 0 ? bytes : [.. bytes[..at], .. replacement, .. bytes[(at + needle.Length)..]];
    }
}
