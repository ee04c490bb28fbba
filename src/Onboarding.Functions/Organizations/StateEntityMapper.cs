using System.Collections.Immutable;
using System.Globalization;
using Azure.Data.Tables;
using Onboarding.Domain.Checklist;
using Onboarding.Domain.Features;
using Onboarding.Domain.SampleData;
using Onboarding.Domain.State;
using Onboarding.Domain.Wizard;

namespace Onboarding.Functions.Organizations;

/// <summary>
/// <see cref="OnboardingState"/> ↔ the (org, <c>profile|state</c>) row: scalar columns for what people
/// and queries look at, small JSON maps for collections, and each wizard step's data in its own column
/// (each at most 8 KB, so the row stays far below the service's per-property limit).
/// </summary>
internal static class StateEntityMapper
{
    private const int SchemaVersion = 1;

    public static TableEntity ToEntity(string organizationId, OnboardingState state)
    {
        var entity = new TableEntity(organizationId, ProfileRows.State) { ["SchemaVersion"] = SchemaVersion };
        Set(entity, "SignedUpAt", state.SignedUpAt);
        Set(entity, "DismissedAt", state.DismissedAt);
        Set(entity, "CatalogVersion", state.CatalogVersion);
        var wizard = state.Wizard;
        Set(entity, "WizardStartedAt", wizard.StartedAt);
        Set(entity, "WizardCompletedAt", wizard.CompletedAt);
        Set(entity, "WizardCompletionMinutes", wizard.CompletionMinutes);
        Set(entity, "WizardSkippedAt", wizard.SkippedAt);
        Set(entity, "WizardDroppedAtStep", wizard.DroppedAtStep);
        if (!wizard.Steps.IsEmpty)
        {
            entity["WizardSteps"] = EntityJson.Write(wizard.Steps.ToDictionary(
                s => s.Key.ToString(CultureInfo.InvariantCulture),
                s => new StepTimes(s.Value.CompletedAt, s.Value.LastSubmittedAt)));
            foreach (var (number, step) in wizard.Steps)
            {
                entity[StepDataColumn(number)] = step.DataJson;
            }
        }

        Set(entity, "ChecklistCompletedAt", state.Checklist.CompletedAt);
        if (!state.Checklist.CompletedTasks.IsEmpty)
        {
            entity["ChecklistTasks"] = EntityJson.Write(state.Checklist.CompletedTasks);
        }

        entity["FeaturesShowAll"] = state.Features.ShowAll;
        Set(entity, "FeaturesShowAllChangedAt", state.Features.ShowAllChangedAt);
        if (!state.Features.Unlocked.IsEmpty)
        {
            entity["FeaturesUnlocked"] = EntityJson.Write(state.Features.Unlocked);
        }

        var sample = state.SampleData;
        entity["SampleDataStatus"] = sample.Status.ToString();
        Set(entity, "SampleDataGeneratedAt", sample.GeneratedAt);
        Set(entity, "SampleDataExpiresAt", sample.ExpiresAt);
        Set(entity, "SampleDataClearedAt", sample.ClearedAt);
        Set(entity, "SampleDataExpiredAt", sample.ExpiredAt);
        if (sample.Counts is { } counts)
        {
            entity[SampleDataCountsColumn] = EntityJson.Write(counts.ByCounter);
        }
        return entity;
    }

    public static OnboardingState FromEntity(TableEntity? entity)
    {
        if (entity is null)
        {
            return OnboardingState.NotStarted;
        }
        var stepTimes = EntityJson.Read(entity.GetString("WizardSteps"), new Dictionary<string, StepTimes>());
        var steps = stepTimes.ToImmutableSortedDictionary(
            s => int.Parse(s.Key, CultureInfo.InvariantCulture),
            s => new WizardStepState(entity.GetString(StepDataColumn(int.Parse(s.Key, CultureInfo.InvariantCulture))) ?? "{}", s.Value.CompletedAt, s.Value.LastSubmittedAt));
        var wizard = new WizardState(
            steps,
            entity.GetDateTimeOffset("WizardStartedAt"),
            entity.GetDateTimeOffset("WizardCompletedAt"),
            entity.GetDouble("WizardCompletionMinutes"),
            entity.GetDateTimeOffset("WizardSkippedAt"),
            entity.GetInt32("WizardDroppedAtStep"));

        var checklist = new ChecklistState(
            EntityJson.Read(entity.GetString("ChecklistTasks"), new Dictionary<string, DateTimeOffset>()).ToImmutableSortedDictionary(StringComparer.Ordinal),
            entity.GetDateTimeOffset("ChecklistCompletedAt"));
        var features = new FeatureState(
            EntityJson.Read(entity.GetString("FeaturesUnlocked"), new Dictionary<string, DateTimeOffset>()).ToImmutableSortedDictionary(StringComparer.Ordinal),
            entity.GetBoolean("FeaturesShowAll") ?? false,
            entity.GetDateTimeOffset("FeaturesShowAllChangedAt"));
        var sample = new SampleDataState(
            Enum.TryParse<SampleDataStatus>(entity.GetString("SampleDataStatus"), out var status) ? status : SampleDataStatus.None,
            entity.GetDateTimeOffset("SampleDataGeneratedAt"),
            entity.GetDateTimeOffset("SampleDataExpiresAt"),
            entity.GetDateTimeOffset("SampleDataClearedAt"),
            entity.GetDateTimeOffset("SampleDataExpiredAt"),
            SampleDataCountsOf(entity));
        return new OnboardingState(wizard, checklist, features, sample, entity.GetDateTimeOffset("SignedUpAt"), entity.GetDateTimeOffset("DismissedAt"),
            entity.GetInt32("CatalogVersion"));
    }

    private static string StepDataColumn(int step) => $"WizardStep{step}Data";

    /// <summary>How many sample objects per counter, as JSON. It replaced <c>SampleDataCounts</c>, which also held a <c>total</c>.</summary>
    private const string SampleDataCountsColumn = "SampleDataObjects";

    private static SampleDataCounts? SampleDataCountsOf(TableEntity entity)
    {
        if (entity.GetString(SampleDataCountsColumn) is { } current)
        {
            return new SampleDataCounts(EntityJson.Read(current, new Dictionary<string, int>()));
        }
        var legacy = EntityJson.Read<Dictionary<string, int>?>(entity.GetString("SampleDataCounts"), null);
        return legacy is null ? null : new SampleDataCounts(legacy.Where(pair => pair.Key != "total").ToDictionary(StringComparer.Ordinal));
    }

    private static void Set(TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }

    private sealed record StepTimes(DateTimeOffset CompletedAt, DateTimeOffset LastSubmittedAt);
}
