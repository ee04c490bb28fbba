using System.Text.Json.Nodes;
using Onboarding.Domain.Events;

namespace Onboarding.Domain.Webhooks;

/// <summary>One milestone to tell subscribers about: its Standard Webhooks <c>type</c>, the event it comes from and its data.</summary>
public sealed record WebhookMilestone(string Type, string SourceId, string OrganizationId, DateTimeOffset Timestamp, JsonObject Data);

/// <summary>
/// The onboarding milestones a subscription can hear, and which committed events are milestones. Payloads carry
/// organization ids and catalog ids only, never personal data.
/// </summary>
public static class WebhookMilestones
{
    public const string WizardCompleted = "onboarding.wizard_completed";
    public const string ChecklistCompleted = "onboarding.checklist_completed";
    public const string FeatureUnlocked = "onboarding.feature_unlocked";
    public const string Dismissed = "onboarding.dismissed";
    public const string Stalled = "onboarding.stalled";
    public const string OrganizationErased = "organization.erased";

    /// <summary>The event type a dismissal is stored as.</summary>
    public const string DismissedEventType = OnboardingEventTypes.OnboardingDismissed;

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        WizardCompleted, ChecklistCompleted, FeatureUnlocked, Dismissed, Stalled, OrganizationErased,
    };

    /// <summary>The milestone a committed event is, if any: sample events never are.</summary>
    public static WebhookMilestone? From(OnboardingEvent e)
    {
        if (e.IsSample)
        {
            return null;
        }
        var data = new JsonObject { ["organizationId"] = e.OrganizationId };
        switch (e.Type)
        {
            case OnboardingEventTypes.WizardCompleted:
                if (e.CompletionTimeMinutes is { } minutes)
                {
                    data["completionTimeMinutes"] = minutes;
                }
                return new(WizardCompleted, e.Id, e.OrganizationId, e.Timestamp, data);
            case OnboardingEventTypes.ChecklistTaskCompleted when CompletedTheChecklist(e):
                data["lastTaskId"] = e.DataString("taskId");
                return new(ChecklistCompleted, e.Id, e.OrganizationId, e.Timestamp, data);
            case OnboardingEventTypes.FeatureUnlocked:
                data["featureId"] = e.DataString("feature");
                return new(FeatureUnlocked, e.Id, e.OrganizationId, e.Timestamp, data);
            case DismissedEventType:
                return new(Dismissed, e.Id, e.OrganizationId, e.Timestamp, data);
            default:
                return null;
        }
    }

    private static bool CompletedTheChecklist(OnboardingEvent e) =>
        e.Data?[Checklist.ChecklistRules.ChecklistCompletedFlag] is JsonValue flag && flag.GetValueKind() == System.Text.Json.JsonValueKind.True;

    /// <summary>A wizard in progress since <paramref name="startedAt"/> that has not moved for the stall threshold: once per start.</summary>
    public static WebhookMilestone StalledSince(string organizationId, DateTimeOffset startedAt, DateTimeOffset now) => new(
        Stalled, $"stalled|{startedAt.UtcTicks}", organizationId, now,
        new JsonObject { ["organizationId"] = organizationId, ["wizardStartedAt"] = startedAt.ToString("O") });

    /// <summary>Everything held for the organization was erased.</summary>
    public static WebhookMilestone ErasedAt(string organizationId, DateTimeOffset erasedAt) => new(
        OrganizationErased, $"erased|{erasedAt.UtcTicks}", organizationId, erasedAt, new JsonObject { ["organizationId"] = organizationId });
}
