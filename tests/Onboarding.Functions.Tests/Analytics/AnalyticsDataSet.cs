using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Onboarding.Domain.Events;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Analytics;

/// <summary>
/// Events written straight into the daily projection (batched transactions), on days of their own: closed days
/// (the app under the local host runs on the real clock), from a random base per test run between the years 1700
/// and 2000 (the table service has no dates before 1601), ten days apart per data set, so analytics tests never
/// count each other's events or summaries. Tests of long ranges take <see cref="FarDay"/>, a region of their own.
/// </summary>
public sealed class AnalyticsDataSet
{
    private static readonly DateOnly RunBase = new DateOnly(1700, 1, 1).AddDays(Random.Shared.Next(0, 109_000));
    private static int sets;

    public AnalyticsDataSet()
        : this(RunBase.AddDays(10 * Interlocked.Increment(ref sets)))
    {
    }

    public AnalyticsDataSet(DateOnly day0)
    {
        Day0 = day0;
        Prefix = TestStorage.UniqueId("an");
    }

    /// <summary>A first day of a long stretch no other data set uses (years 6500 to about 8900), for tests of many days.</summary>
    public static DateOnly FarDay() => new DateOnly(6500, 1, 1).AddDays(Random.Shared.Next(0, 900_000));

    /// <summary>The data set's first day; its events lie on <c>Day0</c> to <c>Day0 + 2</c>.</summary>
    public DateOnly Day0 { get; }

    public string Prefix { get; }

    public List<OnboardingEvent> Events { get; } = [];

    public string Org(string name) => $"{Prefix}-{name}";

    public DateTimeOffset At(int day, int hour, int minute = 0) => new(Day0.AddDays(day).ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public string Range(int fromDay, int toDay) => $"from={Iso(Day0.AddDays(fromDay))}&to={Iso(Day0.AddDays(toDay))}";

    /// <summary>A wizard journey: started, the steps completed with their durations, then completed (with its minutes) or dropped.</summary>
    public AnalyticsDataSet Journey(string name, DateTimeOffset start, double[] stepSeconds, double? completionMinutes = null, DateTimeOffset? droppedAt = null, bool sample = false)
    {
        Add(name, OnboardingEventTypes.WizardStarted, start, e => e with { WizardStepReached = 1, IsSample = sample });
        var at = start;
        for (var step = 1; step <= stepSeconds.Length; step++)
        {
            at = at.AddSeconds(stepSeconds[step - 1]);
            var (s, seconds) = (step, stepSeconds[step - 1]);
            Add(name, OnboardingEventTypes.WizardStepCompleted, at, e => e with { WizardStepReached = s, StepDurationSeconds = seconds, IsSample = sample });
        }
        if (completionMinutes is { } minutes)
        {
            Add(name, OnboardingEventTypes.WizardCompleted, at, e => e with { CompletionTimeMinutes = minutes, IsSample = sample });
        }
        if (droppedAt is { } dropped)
        {
            var step = stepSeconds.Length + 1;
            Add(name, OnboardingEventTypes.WizardSkipped, dropped, e => e with { WizardStepDropped = step, IsSample = sample });
        }
        return this;
    }

    public AnalyticsDataSet TaskCompleted(string name, string taskId, DateTimeOffset at) =>
        Add(name, OnboardingEventTypes.ChecklistTaskCompleted, at, e => e with { Data = new JsonObject { ["taskId"] = taskId } });

    public AnalyticsDataSet Add(string name, string type, DateTimeOffset at, Func<OnboardingEvent, OnboardingEvent>? change = null)
    {
        var e = new OnboardingEvent($"e{Events.Count:0000}-{Guid.NewGuid():N}"[..24], Org(name), type, at);
        Events.Add(change is null ? e : change(e));
        return this;
    }

    /// <summary>Writes the events into <c>OnboardingDaily</c> as the projection would, one transaction per partition and 100 rows.</summary>
    public async Task<AnalyticsDataSet> SeedAsync()
    {
        var table = TestStorage.Tables().GetTableClient(OnboardingStorage.DailyTable);
        await table.CreateIfNotExistsAsync();
        await Task.WhenAll(Events.Select(e => EventEntityMapper.ToDailyRow(e, TestPseudonyms.Instance)).GroupBy(r => r.PartitionKey)
            .SelectMany(p => p.Chunk(OnboardingStorage.MaxTransactionActions))
            .Select(batch => table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)))));
        return this;
    }

    /// <summary>
    /// The hand-computed data set (days 0 to 2). Seven organizations start the wizard, one drops out at every step:
    /// A completes everything on day 0 (steps 60, 60, 120, 60, 60 s; 30 minutes; all six tasks 30 to 300 minutes after its start);
    /// B completes steps 1–2 (30, 90 s) on day 0 and drops at 3 on day 1, its first event task an hour before its wizard;
    /// C starts on day 1 and drops at 1, completing view_reports 30 minutes in; F completes step 1 (40 s) and drops at 2;
    /// G completes 1–3 (20, 30, 100 s) and drops at 4 (both day 1); H completes 1–4 (50 s each) and drops at 5 on day 2;
    /// K completes all steps (10 s each) on day 2 in 90 minutes and all six tasks 60 minutes after its start.
    /// Z completes add_team on day 1 without a wizard; S has only sample events (day 0 wizard, day 1 activity).
    /// </summary>
    public static AnalyticsDataSet HandComputed(AnalyticsDataSet? set = null)
    {
        set ??= new AnalyticsDataSet();
        var a = set.At(0, 8);
        set.Journey("A", a, [60, 60, 120, 60, 60], completionMinutes: 30);
        string[] tasks = ["complete_profile", "create_first_event", "add_team", "invite_volunteers", "run_first_schedule", "view_reports"];
        int[] minutes = [30, 60, 120, 180, 240, 300];
        for (var i = 0; i < tasks.Length; i++)
        {
            set.TaskCompleted("A", tasks[i], a.AddMinutes(minutes[i]));
        }
        var b = set.At(0, 9);
        set.Journey("B", b, [30, 90], droppedAt: set.At(1, 10)).TaskCompleted("B", "create_first_event", b.AddMinutes(-60));
        var c = set.At(1, 8);
        set.Journey("C", c, [], droppedAt: c.AddMinutes(5)).TaskCompleted("C", "view_reports", c.AddMinutes(30));
        set.Journey("F", set.At(1, 9), [40], droppedAt: set.At(1, 11));
        set.Journey("G", set.At(1, 9), [20, 30, 100], droppedAt: set.At(1, 12));
        set.Journey("H", set.At(2, 9), [50, 50, 50, 50], droppedAt: set.At(2, 12));
        var k = set.At(2, 10);
        set.Journey("K", k, [10, 10, 10, 10, 10], completionMinutes: 90);
        foreach (var task in tasks)
        {
            set.TaskCompleted("K", task, k.AddMinutes(60));
        }
        set.TaskCompleted("Z", "add_team", set.At(1, 15));
        set.Journey("S", set.At(0, 7), [5], sample: true);
        set.Add("S", OnboardingEventTypes.ViewReports, set.At(0, 7, 30), e => e with { IsSample = true });
        set.Add("S", "event_created", set.At(1, 7), e => e with { IsSample = true });
        return set;
    }

    public static string Compact(JsonElement json) => JsonSerializer.Serialize(json);
}
