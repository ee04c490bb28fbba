namespace Onboarding.Domain.Events;

/// <summary>The event types the system knows: onboarding events, and product activity that feeds the checklist.</summary>
public static class OnboardingEventTypes
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

    /// <summary>An admin dismissed the organization's onboarding (additive to contract version 1).</summary>
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

    /// <summary>The product deleted the organization: everything held for it is erased, nothing is stored.</summary>
    public const string OrganizationDeleted = "organization_deleted";

    /// <summary>The 14 onboarding event types of the metric model, and <c>onboarding_dismissed</c>.</summary>
    public static IReadOnlySet<string> Onboarding { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        WizardStarted, WizardStepCompleted, WizardCompleted, WizardSkipped, SampleDataGenerated, SampleDataCleared,
        TutorialStarted, TutorialCompleted, TutorialSkipped, FeatureUnlocked, VideoPlayed, VideoCompleted,
        ChecklistTaskCompleted, ViewReports, OnboardingDismissed,
    };

    /// <summary>Product activity reported by the product's services.</summary>
    public static IReadOnlySet<string> Activity { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        OrganizationCreated, EventCreated, TeamCreated, VolunteerAdded, AssignmentCreated,
        EventDeleted, TeamDeleted, VolunteerDeleted, AssignmentDeleted, ActivitySnapshot,
    };

    /// <summary>
    /// The organization's life cycle as the product reports it: not stored and counted like the others but acted
    /// on (<see cref="OrganizationDeleted"/> erases the organization).
    /// </summary>
    public static IReadOnlySet<string> Lifecycle { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        OrganizationDeleted,
    };

    /// <summary>Events the signed-in frontend may report itself through the tracking endpoint.</summary>
    public static IReadOnlySet<string> BrowserReportable { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ViewReports, VideoPlayed, VideoCompleted,
    };

    public static bool IsKnown(string type) => Onboarding.Contains(type) || Activity.Contains(type) || Lifecycle.Contains(type);
}
