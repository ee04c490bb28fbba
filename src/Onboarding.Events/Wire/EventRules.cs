using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Onboarding.Events.Wire;

/// <summary>
/// The contract's rules a producer can check before sending, so a mistake surfaces as an exception at the
/// call site instead of a rejected event in the receiver's log. The receiver stays the judge.
/// </summary>
internal static partial class EventRules
{
    public const int MaxOrganizationIdLength = 64;
    public const int MaxSessionIdLength = 100;
    public const int MaxUserAgentLength = 1024;
    public const int MaxUserIdLength = 128;
    public const int MaxDataBytes = 8192;

    private static readonly DateTimeOffset EarliestTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Check(OnboardingEvent e, EventFields fields)
    {
        Require(EventIds.IsWellFormed(e.Id), "id", "expected 1 to 100 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        Require(e.OrganizationId is not null && OrganizationIdPattern().IsMatch(e.OrganizationId), "organizationId",
            "expected 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        Require(e.Timestamp >= EarliestTimestamp, "timestamp", "before 2000-01-01");
        Require(e.SessionId is null or { Length: >= 1 and <= MaxSessionIdLength }, "sessionId", "expected 1 to 100 characters");
        Require(e.UserAgent is null or { Length: <= MaxUserAgentLength }, "userAgent", "longer than 1,024 characters");
        Require(e.UserAgent is null || e.Client is null, "client", "send either userAgent or client, not both");
        Require(e.UserId is null or { Length: >= 1 and <= MaxUserIdLength }, "userId", "expected 1 to 128 characters");
        Require(e.Experiment is null || ExperimentPattern().IsMatch(e.Experiment), "experiment", "expected 1 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit");
        Require(e.Variant is null || ExperimentPattern().IsMatch(e.Variant), "variant", "expected 1 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit");
        Require((e.Experiment is null) == (e.Variant is null), e.Experiment is null ? "experiment" : "variant", "experiment and variant come together");
        if (e.Client is { } client)
        {
            Require(!string.IsNullOrEmpty(client.Browser), "client.browser", "required");
            Require(!string.IsNullOrEmpty(client.OperatingSystem), "client.operatingSystem", "required");
            Require(!string.IsNullOrEmpty(client.DeviceClass), "client.deviceClass", "required");
            Require(client.BrowserMajorVersion is null || MajorVersionPattern().IsMatch(client.BrowserMajorVersion),
                "client.browserMajorVersion", "expected 1 to 4 digits");
        }
        Require(fields.WizardStepReached is null or >= 1, "wizardStepReached", "expected a step number from 1");
        Require(fields.WizardStepDropped is null or >= 1, "wizardStepDropped", "expected a step number from 1");
        Require(fields.StepDurationSeconds is null || (double.IsFinite(fields.StepDurationSeconds.Value) && fields.StepDurationSeconds >= 0),
            "stepDurationSeconds", "expected a finite number ≥ 0");
        Require(fields.CompletionTimeMinutes is null || (double.IsFinite(fields.CompletionTimeMinutes.Value) && fields.CompletionTimeMinutes >= 0),
            "completionTimeMinutes", "expected a finite number ≥ 0");
        CheckData(e, fields.Data);
    }

    private static void CheckData(OnboardingEvent e, JsonObject? data)
    {
        foreach (var name in (string[])["feature", "tutorialId", "taskId"])
        {
            if (data?[name] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                Require(text.Length > 0, $"data.{name}", "required, non-empty");
            }
        }
        if (e is ActivitySnapshot snapshot)
        {
            var counts = snapshot.Counts;
            Require(counts.Events is not null || counts.Teams is not null || counts.Volunteers is not null || counts.Assignments is not null,
                "data.counts", "at least one count");
            Require(counts.Events is null or >= 0 && counts.Teams is null or >= 0 && counts.Volunteers is null or >= 0 && counts.Assignments is null or >= 0,
                "data.counts", "counts are ≥ 0");
        }
        if (e is CatalogActivity activity)
        {
            Require(activity.ActivityType is not null && ActivityTypePattern().IsMatch(activity.ActivityType), "type",
                "expected 1 to 64 lowercase letters, digits and underscores, starting with a letter");
            Require(!EngineTypes.Contains(activity.ActivityType!), "type", $"'{activity.ActivityType}' is not product activity; use its typed event");
        }
        if (e is CatalogActivitySnapshot catalogSnapshot)
        {
            Require(catalogSnapshot.Counts is { Count: > 0 }, "data.counts", "at least one count");
            Require(catalogSnapshot.Counts.All(c => ActivityTypePattern().IsMatch(c.Key)), "data.counts", "counter names are lowercase letters, digits and underscores");
            Require(catalogSnapshot.Counts.Values.All(c => c >= 0), "data.counts", "counts are ≥ 0");
        }
        if (data is not null)
        {
            // Measured the way the receiver measures: compact JSON, non-ASCII as its UTF-8 bytes.
            var bytes = JsonSerializer.SerializeToUtf8Bytes(data, RelaxedJson).Length;
            Require(bytes <= MaxDataBytes, "data", $"{bytes} bytes as compact UTF-8 JSON, more than {MaxDataBytes}");
        }
    }

    /// <summary>The types with their own meaning in the receiver, whatever its catalog.</summary>
    private static readonly HashSet<string> EngineTypes = new(StringComparer.Ordinal)
    {
        EventTypes.WizardStarted, EventTypes.WizardStepCompleted, EventTypes.WizardCompleted, EventTypes.WizardSkipped,
        EventTypes.SampleDataGenerated, EventTypes.SampleDataCleared, EventTypes.TutorialStarted, EventTypes.TutorialCompleted,
        EventTypes.TutorialSkipped, EventTypes.FeatureUnlocked, EventTypes.VideoPlayed, EventTypes.VideoCompleted,
        EventTypes.ChecklistTaskCompleted, EventTypes.ViewReports, EventTypes.OnboardingDismissed,
        EventTypes.OrganizationCreated, EventTypes.ActivitySnapshot, EventTypes.OrganizationDeleted,
    };

    private static void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Invalid onboarding event: {field}: {message}.", nameof(OnboardingEvent));
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z")]
    private static partial Regex OrganizationIdPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,63}\z")]
    private static partial Regex ActivityTypePattern();

    [GeneratedRegex(@"^[0-9]{1,4}\z")]
    private static partial Regex MajorVersionPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}\z")]
    private static partial Regex ExperimentPattern();
}
