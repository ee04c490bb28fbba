namespace Onboarding.Events;

/// <summary>The event type names of contract version 1, as they appear in an event's <c>type</c>.</summary>
public static class EventTypes
{
    public const string WizardStarted = "wizard_started";
    public const string WizardStepCompleted = "wizard_step_completed";
    public const string WizardCompleted = "wizard_completed";
    public const string WizardSkipped = "wizard_skipped";
    public const string SampleDataGenerated = "sample_data_generated";
    public const string SampleDataCleared = "sample_data_cleared";
    public const string TutorialStarted = "tutorial_started";
    public const string TutorialCompleted = "tutorial_completed";
    public const string TutorialSkipped = "tutorial_skipped";
    public const string FeatureUnlocked = "feature_unlocked";
    public const string VideoPlayed = "video_played";
    public const string VideoCompleted = "video_completed";
    public const string ChecklistTaskCompleted = "checklist_task_completed";
    public const string ViewReports = "view_reports";

    /// <summary>An admin dismissed the organization's onboarding (added to version 1; the backend writes it itself too).</summary>
    public const string OnboardingDismissed = "onboarding_dismissed";

    public const string OrganizationCreated = "organization_created";
    public const string EventCreated = "event_created";
    public const string TeamCreated = "team_created";
    public const string VolunteerAdded = "volunteer_added";
    public const string AssignmentCreated = "assignment_created";
    public const string EventDeleted = "event_deleted";
    public const string TeamDeleted = "team_deleted";
    public const string VolunteerDeleted = "volunteer_deleted";
    public const string AssignmentDeleted = "assignment_deleted";
    public const string ActivitySnapshot = "activity_snapshot";

    /// <summary>The organization was deleted in the product: the onboarding backend erases everything it holds for it.</summary>
    public const string OrganizationDeleted = "organization_deleted";

    /// <summary>Every type of contract version 1: the 15 onboarding types, the 10 activity types and <c>organization_deleted</c>.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        WizardStarted, WizardStepCompleted, WizardCompleted, WizardSkipped, SampleDataGenerated, SampleDataCleared,
        TutorialStarted, TutorialCompleted, TutorialSkipped, FeatureUnlocked, VideoPlayed, VideoCompleted,
        ChecklistTaskCompleted, ViewReports, OnboardingDismissed,
        OrganizationCreated, EventCreated, TeamCreated, VolunteerAdded, AssignmentCreated,
        EventDeleted, TeamDeleted, VolunteerDeleted, AssignmentDeleted, ActivitySnapshot,
        OrganizationDeleted,
    ];
}
