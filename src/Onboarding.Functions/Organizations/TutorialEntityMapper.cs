using Azure.Data.Tables;
using Onboarding.Domain.Tutorials;

namespace Onboarding.Functions.Organizations;

/// <summary><see cref="TutorialProgress"/> ↔ the (org, <c>profile|tutorial|{id}</c>) row.</summary>
internal static class TutorialEntityMapper
{
    public static TableEntity ToEntity(string organizationId, TutorialProgress tutorial)
    {
        var entity = new TableEntity(organizationId, ProfileRows.Tutorial(tutorial.TutorialId))
        {
            ["StepsCompleted"] = tutorial.StepsCompleted,
            ["FirstStartedAt"] = tutorial.FirstStartedAt,
            ["RunStartedAt"] = tutorial.RunStartedAt,
            ["ReplayCount"] = tutorial.ReplayCount,
            ["LastViewedAt"] = tutorial.LastViewedAt,
        };
        if (tutorial.CompletedAt is { } completed)
        {
            entity["CompletedAt"] = completed;
        }
        if (tutorial.SkippedAt is { } skipped)
        {
            entity["SkippedAt"] = skipped;
        }
        if (tutorial.SkippedAtStep is { } step)
        {
            entity["SkippedAtStep"] = step;
        }
        return entity;
    }

    public static TutorialProgress FromEntity(TableEntity entity) => new(
        entity.RowKey[ProfileRows.TutorialPrefix.Length..],
        entity.GetInt32("StepsCompleted") ?? 0,
        entity.GetDateTimeOffset("FirstStartedAt") ?? default,
        entity.GetDateTimeOffset("RunStartedAt") ?? default,
        entity.GetDateTimeOffset("CompletedAt"),
        entity.GetDateTimeOffset("SkippedAt"),
        entity.GetInt32("SkippedAtStep"),
        entity.GetInt32("ReplayCount") ?? 0,
        entity.GetDateTimeOffset("LastViewedAt") ?? default);
}
