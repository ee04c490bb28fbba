using System.Text;
using System.Text.Json.Nodes;
using Onboarding.Functions.Tests.Events;
using Onboarding.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Onboarding.Functions.Tests.Fuzz;

/// <summary>
/// About 240 seeded malformed and hostile messages on a real queue. Each ends on its first attempt: its
/// valid events stored, or, when nothing in it is valid, the message moved whole to the poison queue.
/// </summary>
public sealed class QueueFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Messages = 240;

    // A message that fails is hidden for a minute: one still on the queue at the end failed its first attempt.
    private readonly OnboardingApplication app = IngestionApp.Create()
        .WithSetting(OnboardingApplication.HostJson + "extensions:queues:visibilityTimeout", "00:01:00");

    public Task InitializeAsync() => app.StartedAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task HostileMessagesAreStoredOrPoisonedOnTheirFirstAttemptWithValidNeighboursStored() =>
        await FuzzSeed.RunAsync(output, nameof(HostileMessagesAreStoredOrPoisonedOnTheirFirstAttemptWithValidNeighboursStored), async seed =>
        {
            var organizations = Enumerable.Range(0, 4).Select(i => TestStorage.UniqueId($"qfuzz{i}")).ToList();
            var messages = new QueueFuzzMessages(seed, organizations).Generate(Messages);
            foreach (var message in messages)
            {
                await app.EventsQueue().SendMessageAsync(message.Text);
            }

            var expectedPoison = messages.Where(m => m.Poisoned).ToList();
            var expectedStored = messages.SelectMany(m => m.Stored).ToList();
            var poison = app.PoisonQueue();
            await poison.CreateIfNotExistsAsync();
            var deadline = DateTime.UtcNow.AddSeconds(45);
            HashSet<string> stored;
            while (true)
            {
                stored = await StoredAsync(organizations);
                var poisonCount = (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount;
                if ((poisonCount >= expectedPoison.Count && expectedStored.All(stored.Contains)) || DateTime.UtcNow > deadline)
                {
                    break;
                }
                await Task.Delay(200);
            }
            var poisoned = await PoisonedAsync();
            await Task.Delay(500);
            var left = (await app.EventsQueue().GetPropertiesAsync()).Value.ApproximateMessagesCount;

            var failures = new List<string>();
            var unexpectedPoison = poisoned.Except(expectedPoison.Select(m => m.Text)).ToList();
            failures.AddRange(expectedPoison.Where(m => !poisoned.Contains(m.Text)).Select(m => $"not in the poison queue: {m.Describe()}"));
            failures.AddRange(unexpectedPoison.Select(text => $"poisoned although it had valid events: {messages.First(m => m.Text == text).Describe()}"));
            failures.AddRange(messages.Where(m => m.Stored.Any(e => !stored.Contains(e)))
                .Select(m => $"valid events not stored ({string.Join(", ", m.Stored.Where(e => !stored.Contains(e)))}): {m.Describe()}"));
            failures.AddRange(messages.Where(m => m.NotStored.Any(stored.Contains))
                .Select(m => $"invalid events stored ({string.Join(", ", m.NotStored.Where(stored.Contains))}): {m.Describe()}"));
            if (left > 0)
            {
                failures.Add($"{left} messages still on the queue: they failed their first attempt and wait to be retried");
            }

            TestFigures.Report(output, "Queue fuzz", $"seed {seed}: {messages.Count} messages sent ({expectedPoison.Count} to be poisoned, {expectedStored.Count} valid events to be stored); "
                + $"{poisoned.Count} poisoned, {stored.Count(expectedStored.Contains)} of the valid events stored, {left} left on the queue, {failures.Count} failures");
            foreach (var failure in failures.Take(40))
            {
                output.WriteLine("  " + failure);
            }
            Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} failures, e.g. {string.Join(" | ", failures.Take(5))}");
        });

    /// <summary>Every poisoned message's text, read once at the end (receiving hides them for the rest of the test).</summary>
    private async Task<List<string>> PoisonedAsync()
    {
        var texts = new List<string>();
        var received = (await app.PoisonQueue().ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
        while (received.Length > 0)
        {
            texts.AddRange(received.Select(m => m.MessageText));
            received = (await app.PoisonQueue().ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
        }
        return texts;
    }

    private static async Task<HashSet<string>> StoredAsync(IEnumerable<string> organizations)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var org in organizations)
        {
            stored.UnionWith((await StoredRows.EventsAsync(org)).Select(r => $"{org}/{r.RowKey["event|".Length..]}"));
        }
        return stored;
    }
}

/// <summary>One fuzzed queue message and what must become of it: poisoned whole, or these events stored and those not.</summary>
public sealed record FuzzMessage(int Index, string Category, string Text, bool Poisoned, IReadOnlyList<string> Stored, IReadOnlyList<string> NotStored)
{
    public string Describe() => $"#{Index} [{Category}] {(Text.Length > 400 ? Text[..400] + $"… ({Text.Length} chars)" : Text)}";
}

/// <summary>Generates hostile queue messages from a seed, each with the outcome the event contract requires.</summary>
public sealed class QueueFuzzMessages(int seed, IReadOnlyList<string> organizations)
{
    private const string Mark = "@@mark@@";
    private static readonly string[] ValidTypes = ["event_created", "team_created", "volunteer_added", "assignment_created", "view_reports", "video_played", "organization_created"];
    private static readonly string[] Surrogates = [@"\ud800", @"\udfff", @"\uDBFF", @"x\udc00y", @"\udfff\ud800"];
    private static readonly string[] NotJson =
    [
        "{", "null", "42", "\"text\"", "[]", "{\"version\":1,\"events\":[", "{\"version\":1,\"events\":[{]}", "<xml/>", "{'version':1}",
        "{\"version\":1,\"events\":[]}trailing", "eyJ2ZXJzaW9uIjoxLCJldmVudHMiOltd", "!!!!not-base64!!!!", "e30=", "W10=", "{\"version\":1,\"events\":[1,2,3]}",
    ];

    private readonly Random random = new(seed);
    private readonly List<FuzzMessage> messages = [];
    private int nextId;

    public IReadOnlyList<FuzzMessage> Generate(int count)
    {
        while (messages.Count < count)
        {
            switch (random.Next(10))
            {
                case 0:
                    Add("not JSON", NotJson[random.Next(NotJson.Length)] + (random.Next(2) == 0 ? "" : new string(' ', random.Next(3))), poisoned: true, [], []);
                    break;
                case 1:
                {
                    var (valid, ids) = Valid(random.Next(1, 4));
                    var version = new[] { "2", "0", "-1", "\"1\"", "1.5", "99", "null", "true" }[random.Next(8)];
                    Add("wrong version", $$"""{"version":{{version}},"events":{{new JsonArray([.. valid]).ToJsonString()}}}""", poisoned: true, [], ids);
                    break;
                }
                case 2:
                {
                    var (bad, badIds) = Invalid();
                    Add("one invalid event, alone", bad, poisoned: true, [], badIds);
                    break;
                }
                case 3 or 4 or 5:
                {
                    var (valid, ids) = Valid(random.Next(1, 5));
                    var parts = valid.Select(v => v.ToJsonString()).ToList();
                    var notStored = new List<string>();
                    for (var i = random.Next(1, 4); i > 0; i--)
                    {
                        var (bad, badIds) = Invalid();
                        parts.Insert(random.Next(parts.Count + 1), bad);
                        notStored.AddRange(badIds);
                    }
                    Add("valid and invalid events in one batch", """{"version":1,"events":[""" + string.Join(",", parts) + "]}", poisoned: false, ids, notStored);
                    break;
                }
                case 6:
                {
                    var parts = new List<string>();
                    var notStored = new List<string>();
                    for (var i = random.Next(1, 4); i > 0; i--)
                    {
                        var (bad, badIds) = Invalid();
                        parts.Add(bad);
                        notStored.AddRange(badIds);
                    }
                    Add("every event invalid", """{"version":1,"events":[""" + string.Join(",", parts) + "]}", poisoned: true, [], notStored);
                    break;
                }
                case 7:
                {
                    var (valid, ids) = Valid(random.Next(1, 4));
                    var text = random.Next(2) == 0 ? valid[0].ToJsonString() : new JsonObject { ["version"] = 1, ["events"] = new JsonArray([.. valid]) }.ToJsonString();
                    Add("valid, base64", Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), poisoned: false, text.StartsWith("{\"version\"") ? ids : ids[..1], []);
                    break;
                }
                case 8:
                {
                    var (bad, badIds) = Invalid();
                    Add("invalid, base64", Convert.ToBase64String(Encoding.UTF8.GetBytes(bad)), poisoned: true, [], badIds);
                    break;
                }
                default:
                {
                    var (valid, ids) = Valid(1);
                    Add("one valid event", valid[0].ToJsonString(), poisoned: false, ids, []);
                    break;
                }
            }
        }
        return messages;
    }

    private void Add(string category, string text, bool poisoned, IReadOnlyList<string> stored, IReadOnlyList<string> notStored) =>
        messages.Add(new FuzzMessage(messages.Count, category, text, poisoned, stored, notStored));

    private string Organization() => organizations[random.Next(organizations.Count)];

    private string NewId() => $"fz-{seed:x}-{nextId++}";

    private JsonObject ValidEvent(string org, string id)
    {
        var type = ValidTypes[random.Next(ValidTypes.Length)];
        var e = TestEvents.Event(org, type, id);
        if (random.Next(3) == 0)
        {
            e["sessionId"] = "s-" + random.Next(1000);
        }
        if (type == "video_played")
        {
            e["data"] = new JsonObject { ["videoId"] = "intro", ["note"] = "call +1 555 0100 or mail a@example.org" };
        }
        return e;
    }

    private (List<JsonObject> Events, string[] Keys) Valid(int count)
    {
        var events = Enumerable.Range(0, count).Select(_ => ValidEvent(Organization(), NewId())).ToList();
        return (events, events.Select(e => $"{e["organizationId"]}/{e["id"]}").ToArray());
    }

    /// <summary>One event that breaks the contract, as JSON text, and the keys that must not be stored.</summary>
    private (string Text, string[] NotStored) Invalid()
    {
        var org = Organization();
        var id = NewId();
        var e = ValidEvent(org, id);
        var key = new[] { $"{org}/{id}" };
        switch (random.Next(16))
        {
            case 0:
                e["shoeSize"] = 42;
                return (e.ToJsonString(), key);
            case 1:
                e["id"] = id + Mark;
                return (Marked(e), []);
            case 2:
                e["organizationId"] = org + Mark;
                return (Marked(e), key);
            case 3:
                e["sessionId"] = "s" + Mark;
                return (Marked(e), key);
            case 4:
                e["data"] = new JsonObject { ["videoId"] = "intro" + Mark };
                return (Marked(e), key);
            case 5:
                e["data"] = new JsonObject { ["video" + Mark] = "intro" };
                return (Marked(e), key);
            case 6:
                e["type"] = "view_reports" + Mark;
                return (Marked(e), key);
            case 7:
                e["data"] = new JsonObject { ["blob"] = new string('x', random.Next(8_300, 20_000)) };
                return (e.ToJsonString(), key);
            case 8:
                e["id"] = new[] { "-starts-with-dash", new string('a', 101), "a/b", "", "a b", "a#b" }[random.Next(6)];
                return (e.ToJsonString(), []);
            case 9:
                e["type"] = new[] { "no_such_type", "", "VIEW_REPORTS", "wizard_started " }[random.Next(4)];
                return (e.ToJsonString(), key);
            case 10:
                e["timestamp"] = new[] { "2026-03-14T09:12:03", DateTimeOffset.UtcNow.AddDays(3).ToString("O"), "yesterday", "" }[random.Next(4)];
                return (e.ToJsonString(), key);
            case 11:
                e["wizardStepReached"] = new[] { 0, 6, 9, -1 }[random.Next(4)];
                return (e.ToJsonString(), key);
            case 12:
                e["stepDurationSeconds"] = -1;
                return (e.ToJsonString(), key);
            case 13:
                e["data"] = random.Next(2) == 0 ? new JsonArray(1, 2) : JsonValue.Create("not an object");
                return (e.ToJsonString(), key);
            case 14:
                e["organizationId"] = 42;
                return (e.ToJsonString(), []);
            default:
                e.Remove(new[] { "id", "type", "timestamp" }[random.Next(3)]);
                return (e.ToJsonString(), e.ContainsKey("id") ? key : []);
        }
    }

    /// <summary>The event's JSON with every mark replaced by a lone UTF-16 surrogate escape (no JSON writer produces one).</summary>
    private string Marked(JsonObject e) => e.ToJsonString().Replace(Mark, Surrogates[random.Next(Surrogates.Length)], StringComparison.Ordinal);
}
