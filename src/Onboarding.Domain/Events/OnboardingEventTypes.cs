namespace Onboarding.Domain.Events;

/// <summary>
/// The event types the engine itself knows: onboarding events, the organization's life cycle and the activity
/// snapshot. The product's own activity types (and the counters they move) come from the catalog
/// (<see cref="Catalog.ActivityCatalog"/>).
/// </summary>
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

    /// <summary>Activity every product reports: its sign-up and a snapshot of the catalog's counters.</summary>
    public static IReadOnlySet<string> Activity { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        OrganizationCreated, ActivitySnapshot,
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

    /// <summary>Whether the engine knows the type whatever the catalog; <see cref="Catalog.OnboardingCatalog.IsKnownEventType"/> adds the product's.</summary>
    public static bool IsKnown(string type) => Onboarding.Contains(type) || Activity.Contains(type) || Lifecycle.Contains(type);
}
