using System.IO.Compression;
using System.Text.Json;
using Onboarding.Domain.Events;

namespace Onboarding.Domain.Analytics;

/// <summary>
/// An <see cref="AnalyticsTally"/> as plain data, what a day's roll-up stores (version 2: the funnel counts dismissals;
/// version 3: organizations by pseudonym, users, durations and completion minutes per organization).
/// </summary>
public sealed record AnalyticsTallyData(
    int Version,
    WizardFunnelData Funnel,
    IReadOnlyList<DailyActivityData> Activity,
    IReadOnlyDictionary<string, double[]> WizardCompletionMinutes,
    IReadOnlyList<ChecklistOrganizationData> Checklist);

/// <summary>
/// Everything the analytics endpoints report, tallied from events and mergeable: the wizard funnel,
/// daily activity, the wizard's completion times (<c>completionTimeMinutes</c> of <c>wizard_completed</c>)
/// and the checklist cohort. A day's tally is stored once the day is closed; a range is the merge of its
/// days. Sample events never count.
/// </summary>
public sealed class AnalyticsTally
{
    /// <summary>Summaries of another version are computed again from their day's events when read.</summary>
    public const int DataVersion = 3;

    private readonly Dictionary<string, List<double>> wizardCompletionMinutes = new(StringComparer.Ordinal);

    public WizardFunnel Funnel { get; private init; } = new();

    public DailyActivity Activity { get; private init; } = new();

    public ChecklistProgress Checklist { get; private init; } = new();

    public IReadOnlyList<double> WizardCompletionMinutes => [.. wizardCompletionMinutes.Values.SelectMany(m => m)];

    public void Add(OnboardingEvent e)
    {
        if (e.IsSample)
        {
            return;
        }
        Funnel.Add(e);
        Activity.Add(e);
        Checklist.Add(e);
        if (e.Type == OnboardingEventTypes.WizardCompleted && e.CompletionTimeMinutes is { } minutes)
        {
            CompletionMinutesOf(e.OrganizationId).Add(minutes);
        }
    }

    public static AnalyticsTally Of(IEnumerable<OnboardingEvent> events)
    {
        var tally = new AnalyticsTally();
        foreach (var e in events)
        {
            tally.Add(e);
        }
        return tally;
    }

    public void Merge(AnalyticsTally other)
    {
        Funnel.Merge(other.Funnel);
        Activity.Merge(other.Activity);
        Checklist.Merge(other.Checklist);
        foreach (var (organization, minutes) in other.wizardCompletionMinutes)
        {
            CompletionMinutesOf(organization).AddRange(minutes);
        }
    }

    /// <summary>
    /// The funnel, the checklist and the wizard's completion minutes of <paramref name="organizations"/> only (one experiment
    /// variant's); daily activity is not split.
    /// </summary>
    public AnalyticsTally Only(IReadOnlySet<string> organizations)
    {
        var tally = new AnalyticsTally { Funnel = Funnel.Only(organizations), Checklist = Checklist.Only(organizations) };
        foreach (var (organization, minutes) in wizardCompletionMinutes.Where(m => organizations.Contains(m.Key)))
        {
            tally.CompletionMinutesOf(organization).AddRange(minutes);
        }
        return tally;
    }

    public AnalyticsTallyData ToData() =>
        new(DataVersion, Funnel.ToData(), Activity.ToData(),
            wizardCompletionMinutes.OrderBy(m => m.Key, StringComparer.Ordinal).ToDictionary(m => m.Key, m => m.Value.Order().ToArray(), StringComparer.Ordinal),
            Checklist.ToData());

    private List<double> CompletionMinutesOf(string organization)
    {
        if (!wizardCompletionMinutes.TryGetValue(organization, out var minutes))
        {
            wizardCompletionMinutes[organization] = minutes = [];
        }
        return minutes;
    }

    public static AnalyticsTally FromData(AnalyticsTallyData data)
    {
        if (data.Version != DataVersion)
        {
            throw new InvalidDataException($"Analytics tally version {data.Version} is not {DataVersion}.");
        }
        var tally = new AnalyticsTally
        {
            Funnel = WizardFunnel.FromData(data.Funnel),
            Activity = DailyActivity.FromData(data.Activity),
            Checklist = ChecklistProgress.FromData(data.Checklist),
        };
        foreach (var (organization, minutes) in data.WizardCompletionMinutes)
        {
            tally.CompletionMinutesOf(organization).AddRange(minutes);
        }
        return tally;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The tally as gzip-compressed JSON: the same tally gives the same bytes, so a recomputed roll-up is identical.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, ToData(), Json);
        }
        return buffer.ToArray();
    }

    public static AnalyticsTally FromBytes(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        return FromData(JsonSerializer.Deserialize<AnalyticsTallyData>(gzip, Json) ?? throw new InvalidDataException("Empty analytics tally."));
    }
}
