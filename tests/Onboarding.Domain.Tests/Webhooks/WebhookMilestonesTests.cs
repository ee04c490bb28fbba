using System.Text.Json.Nodes;
using Onboarding.Domain.Events;
using Onboarding.Domain.Webhooks;

namespace Onboarding.Domain.Tests.Webhooks;

public sealed class WebhookMilestonesTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MilestoneEventsBecomeMilestonesWithOrganizationAndCatalogIdsOnly()
    {
        var wizard = WebhookMilestones.From(new OnboardingEvent("e1", "org-1", OnboardingEventTypes.WizardCompleted, At, CompletionTimeMinutes: 12.5));
        var feature = WebhookMilestones.From(new OnboardingEvent("e2", "org-1", OnboardingEventTypes.FeatureUnlocked, At, Data: new JsonObject { ["feature"] = "sms_notifications" }));
        var lastTask = WebhookMilestones.From(new OnboardingEvent("e3", "org-1", OnboardingEventTypes.ChecklistTaskCompleted, At,
            Data: new JsonObject { ["taskId"] = "view_reports", ["checklistCompleted"] = true }));

        Assert.Equal((WebhookMilestones.WizardCompleted, "e1", 12.5), (wizard!.Type, wizard.SourceId, wizard.Data["completionTimeMinutes"]!.GetValue<double>()));
        Assert.Equal((WebhookMilestones.FeatureUnlocked, "sms_notifications"), (feature!.Type, feature.Data["featureId"]!.GetValue<string>()));
        Assert.Equal((WebhookMilestones.ChecklistCompleted, "view_reports"), (lastTask!.Type, lastTask.Data["lastTaskId"]!.GetValue<string>()));
        Assert.All([wizard, feature, lastTask], m => Assert.Equal("org-1", m.Data["organizationId"]!.GetValue<string>()));
    }

    [Fact]
    public void OtherEventsAnOrdinaryTaskAndSampleEventsAreNoMilestones()
    {
        Assert.Null(WebhookMilestones.From(new OnboardingEvent("e1", "org-1", "volunteer_added", At)));
        Assert.Null(WebhookMilestones.From(new OnboardingEvent("e2", "org-1", OnboardingEventTypes.ChecklistTaskCompleted, At, Data: new JsonObject { ["taskId"] = "add_team" })));
        Assert.Null(WebhookMilestones.From(new OnboardingEvent("e3", "org-1", OnboardingEventTypes.WizardCompleted, At, IsSample: true)));
    }
}
