using Onboarding.Domain.Analytics;
using Onboarding.Domain.Catalog;

namespace Onboarding.Functions.Analytics;

/// <summary>The range analytics routes' answers from the day tallies, for everyone and, with an experiment, per variant.</summary>
public sealed class AnalyticsAnswers(AnalyticsStore store, ExperimentAssignments experiments)
{
    /// <summary>The funnel's step 0: sign-up, where onboarding starts.</summary>
    private const string SignUpStepKey = "signed_up";

    public async Task<FunnelView> FunnelAsync(AnalyticsRequest asked, CancellationToken cancellationToken)
    {
        var (tally, variants) = await ReadAsync(asked, cancellationToken);
        return new FunnelView(asked.Range.From, asked.Range.To, FunnelSteps(tally.Funnel, asked.Catalog), tally.Funnel.Dismissed, asked.Experiment,
            variants?.Select(v =>
            {
                var funnel = tally.Funnel.Only(v.Value);
                return new FunnelVariantView(v.Key, v.Value.Count, FunnelSteps(funnel, asked.Catalog), funnel.Dismissed);
            }).ToList());
    }

    /// <summary>Completion minutes; per variant with its wizard completion rate, and for two variants the two-proportion z-test of those rates.</summary>
    public async Task<CompletionTimeView> CompletionTimeAsync(AnalyticsRequest asked, CancellationToken cancellationToken)
    {
        var (tally, cohorts) = await ReadAsync(asked, cancellationToken);
        var tasks = asked.Catalog.ActiveTasks.Select(t => t.Id).ToList();
        var variants = cohorts?.Select(v => CompletionOf(v.Key, v.Value, tally.Only(v.Value), asked.Catalog, tasks)).ToList();
        var comparison = variants is [var first, var second] && TwoProportionTest.Compare(first.Completed, first.Started, second.Completed, second.Started) is { } test
            ? new ComparisonView([first.Variant, second.Variant], Round(test.Z), Round(test.PValue))
            : null;
        return new CompletionTimeView(asked.Range.From, asked.Range.To,
            MinutesView.From(SummaryStatistics.From(tally.WizardCompletionMinutes)),
            MinutesView.From(SummaryStatistics.From(tally.Checklist.CompletionMinutes(tasks))), asked.Experiment, variants, comparison);
    }

    public async Task<ChecklistAnalyticsView> ChecklistAsync(AnalyticsRequest asked, CancellationToken cancellationToken)
    {
        var (tally, variants) = await ReadAsync(asked, cancellationToken);
        return new ChecklistAnalyticsView(asked.Range.From, asked.Range.To, tally.Checklist.Organizations, ChecklistTasks(tally.Checklist, asked.Catalog), asked.Experiment,
            variants?.Select(v =>
            {
                var cohort = tally.Checklist.Only(v.Value);
                return new ChecklistVariantView(v.Key, v.Value.Count, cohort.Organizations, ChecklistTasks(cohort, asked.Catalog));
            }).ToList());
    }

    public async Task<DailyActiveView> DailyActiveAsync(AnalyticsRequest asked, CancellationToken cancellationToken)
    {
        var tally = await store.ReadAsync(asked.Range.From, asked.Range.To, cancellationToken);
        return new DailyActiveView(asked.Range.From, asked.Range.To,
            [.. tally.Activity.Days(asked.Range.From, asked.Range.To).Select(d => new ActiveDayView(d.Day, d.ActiveOrganizations, d.EventsByType, d.ActiveUsers))],
            tally.Activity.DistinctUsers(asked.Range.From, asked.Range.To));
    }

    /// <summary>The range's tally and, with an experiment, its organizations (by pseudonym) per variant.</summary>
    private async Task<(AnalyticsTally Tally, IReadOnlyDictionary<string, IReadOnlySet<string>>? Variants)> ReadAsync(AnalyticsRequest asked, CancellationToken cancellationToken)
    {
        var tally = await store.ReadAsync(asked.Range.From, asked.Range.To, cancellationToken);
        return (tally, asked.Experiment is { } experiment ? await experiments.VariantsAsync(experiment, cancellationToken) : null);
    }

    private static CompletionVariantView CompletionOf(string variant, IReadOnlySet<string> assigned, AnalyticsTally only, OnboardingCatalog catalog, List<string> tasks)
    {
        var started = only.Funnel.Started;
        var completed = only.Funnel.StartedAndCompleted(catalog.WizardStepCount);
        return new CompletionVariantView(variant, assigned.Count, started, completed, started == 0 ? null : Round((double)completed / started),
            MinutesView.From(SummaryStatistics.From(only.WizardCompletionMinutes)), MinutesView.From(SummaryStatistics.From(only.Checklist.CompletionMinutes(tasks))));
    }

    private static List<FunnelStepView> FunnelSteps(WizardFunnel funnel, OnboardingCatalog catalog) =>
        [.. funnel.Steps(catalog.WizardStepCount).Prepend(funnel.SignUpStep()).Select(s =>
            new FunnelStepView(s.Step, s.Step == 0 ? SignUpStepKey : catalog.WizardStep(s.Step)?.Key ?? s.Step.ToString(System.Globalization.CultureInfo.InvariantCulture),
                s.Reached, s.Completed, s.Dropped, s.DropOffPercent, s.DropOffPercentOfStarted, s.MedianDurationSeconds))];

    private static List<ChecklistTaskView> ChecklistTasks(ChecklistProgress progress, OnboardingCatalog catalog) =>
        [.. progress.Tasks(catalog.ActiveTasks.Select(t => t.Id)).Select(t =>
            new ChecklistTaskView(t.TaskId, t.CompletedOrganizations, t.CompletedPercent, t.MedianMinutesFromWizardStart))];

    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
