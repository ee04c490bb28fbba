using Onboarding.Domain.Catalog;

namespace Onboarding.Domain.Tests.Catalog;

public sealed class DefaultCatalogTests
{
    [Fact]
    public void TheShippedCatalogHasFiveStepsSixTasksFiveTutorials()
    {
        var catalog = DefaultCatalog.Catalog;

        Assert.Equal([1, 2, 3, 4, 5], catalog.WizardSteps.Select(s => s.Number));
        Assert.Equal(["complete_profile", "create_first_event", "add_team", "invite_volunteers", "run_first_schedule", "view_reports"],
            catalog.ActiveTasks.Select(t => t.Id));
        Assert.Equal([("events_intro", 4), ("teams_setup", 3), ("availability_management", 5), ("solver_run", 6), ("schedule_export", 3)],
            catalog.Tutorials.Select(t => (t.Id, t.StepCount)));
        Assert.Equal(new ActivityCountCriterion("volunteers", ComparisonOperator.GreaterOrEqual, 3), catalog.ChecklistTask("invite_volunteers")!.Criteria);
        Assert.Equal(new FeatureMilestone(MilestoneKind.ActivityCount, "events", 5), catalog.Feature("recurring_events")!.Milestone);
    }
}
