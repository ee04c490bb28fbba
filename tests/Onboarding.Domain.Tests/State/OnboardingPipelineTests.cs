using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;

namespace Onboarding.Domain.Tests.State;

public sealed class OnboardingPipelineTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ARulesEventsAreCountedAndTheProgressTheyMakeIsRecordedOnce()
    {
        var org = OrganizationOnboarding.New("org-1");
        var viewed = new OnboardingEvent("e1", "org-1", OnboardingEventTypes.ViewReports, Now);

        var change = OnboardingPipeline.Complete(new OnboardingChange(org, [viewed]), DefaultCatalog.Catalog, Now);
        var again = OnboardingPipeline.Complete(OnboardingChange.None(change.After), DefaultCatalog.Catalog, Now);

        Assert.Equal([OnboardingEventTypes.ViewReports, OnboardingEventTypes.ChecklistTaskCompleted], change.Events.Select(e => e.Type));
        Assert.Equal(1, change.After.Activity.EventTypeCount(OnboardingEventTypes.ViewReports));
        Assert.Equal(1, change.After.Activity.EventTypeCount(OnboardingEventTypes.ChecklistTaskCompleted));
        Assert.Contains("view_reports", change.After.State.Checklist.CompletedTasks.Keys);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void ProgressEventsThatCompleteFurtherCriteriaSettleInOneCall()
    {
        var catalog = CatalogJson.Parse(DefaultCatalog.Json.Replace(
            """{ "type": "event_count", "eventType": "view_reports", "operator": ">=", "value": 1 }""",
            """{ "type": "event_count", "eventType": "checklist_task_completed", "operator": ">=", "value": 1 }""",
            StringComparison.Ordinal));
        var org = OrganizationOnboarding.New("org-1");
        var created = new OnboardingEvent("e1", "org-1", "event_created", Now);

        var change = OnboardingPipeline.Complete(new OnboardingChange(org, [created]), catalog, Now);

        Assert.Equal(["create_first_event", "view_reports"], change.After.State.Checklist.CompletedTasks.Keys);
        Assert.Equal(2, change.Events.Count(e => e.Type == OnboardingEventTypes.ChecklistTaskCompleted));
    }
}
