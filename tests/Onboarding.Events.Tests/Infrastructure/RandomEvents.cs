using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Onboarding.Events.Tests.Infrastructure;

/// <summary>
/// A seeded generator of valid events of every type with data of random size (none … close to the 8 KB
/// limit), text mixing ASCII, HTML-sensitive characters, accents, CJK and surrogate pairs, all of which the
/// writer escapes, so the bytes on the wire vary a lot per character.
/// </summary>
public sealed class RandomEvents(int seed)
{
    private static readonly string[] Pieces = ["a", "Z", "7", " ", "<", ">", "&", "'", "+", "é", "ß", "漢", "字", "😀", "\u00a0"];

    private static readonly Func<string, int, OnboardingEvent>[] Makers =
    [
        (org, n) => new WizardStarted(org),
        (org, n) => new WizardStepCompleted(org, 1 + (n % 5), n % 300 / 2.0),
        (org, n) => new WizardCompleted(org, n % 90),
        (org, n) => new WizardSkipped(org, 1 + (n % 5)),
        (org, n) => new SampleDataGenerated(org),
        (org, n) => new SampleDataCleared(org),
        (org, n) => new TutorialStarted(org, "tutorial-" + (n % 5)),
        (org, n) => new TutorialCompleted(org, "tutorial-" + (n % 5)),
        (org, n) => new TutorialSkipped(org, "tutorial-" + (n % 5)),
        (org, n) => new FeatureUnlocked(org, "feature-" + (n % 7)),
        (org, n) => new VideoPlayed(org),
        (org, n) => new VideoCompleted(org),
        (org, n) => new ChecklistTaskCompleted(org, "task-" + (n % 6)),
        (org, n) => new ViewReports(org),
        (org, n) => new OrganizationCreated(org),
        (org, n) => new EventCreated(org) { IsSample = n % 2 == 0 },
        (org, n) => new TeamCreated(org) { IsSample = n % 3 == 0 },
        (org, n) => new VolunteerAdded(org) { IsSample = n % 4 == 0 },
        (org, n) => new AssignmentCreated(org),
        (org, n) => new EventDeleted(org) { IsSample = n % 2 == 1 },
        (org, n) => new TeamDeleted(org),
        (org, n) => new VolunteerDeleted(org),
        (org, n) => new AssignmentDeleted(org) { IsSample = true },
        (org, n) => new ActivitySnapshot(org, new ActivityCounts(n % 50, n % 7, n % 300, null)),
    ];

    private readonly Random random = new(seed);

    public int Seed => seed;

    public IReadOnlyList<OnboardingEvent> Next(int count, int organizations)
    {
        var now = DateTimeOffset.UtcNow;
        var events = new List<OnboardingEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var organization = $"org-{seed}-{random.Next(organizations)}";
            var e = Makers[random.Next(Makers.Length)](organization, random.Next(1000));
            events.Add(e with
            {
                Timestamp = now.AddSeconds(-random.Next(86_400)).ToOffset(TimeSpan.FromHours(random.Next(-11, 13))),
                SessionId = random.Next(3) == 0 ? "sess-" + random.Next(100_000) : null,
                Client = random.Next(4) == 0 ? new ClientInfo("Firefox", "128", "Linux", "desktop") : null,
                Data = Data(),
            });
        }
        return events;
    }

    /// <summary>No data, a little, or up to about 8,000 bytes of compact UTF-8 JSON (the limit is 8,192).</summary>
    private JsonObject? Data()
    {
        var budget = random.Next(10) switch
        {
            < 4 => 0,
            < 8 => random.Next(1, 600),
            _ => random.Next(600, 8_000),
        };
        if (budget == 0)
        {
            return null;
        }
        var text = new StringBuilder();
        var bytes = 0;
        while (true)
        {
            var piece = Pieces[random.Next(Pieces.Length)];
            // Counted as the receiver counts data: compact JSON, relaxed escaping (surrogate pairs still escaped).
            var size = JsonEncodedText.Encode(piece, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes.Length;
            if (bytes + size > budget)
            {
                break;
            }
            text.Append(piece);
            bytes += size;
        }
        return new JsonObject { ["note"] = text.ToString(), ["n"] = random.Next() };
    }
}
