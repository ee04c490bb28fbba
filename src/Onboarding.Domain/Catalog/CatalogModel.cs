using Onboarding.Domain.Events;

namespace Onboarding.Domain.Catalog;

/// <summary>The kinds of value a wizard field takes.</summary>
public enum FieldType
{
    String,
    Integer,
    Boolean,
    Choice,
    /// <summary>An IANA time zone id, e.g. <c>Europe/Berlin</c>.</summary>
    TimeZone,
    /// <summary>An ISO local date-time without offset, e.g. <c>2026-03-14T10:00</c>.</summary>
    LocalDateTime,
}

/// <summary>The rule for one wizard field; limits that do not apply to its type are null.</summary>
public sealed record FieldRule(
    string Name,
    FieldType Type,
    bool Required,
    int? MinLength = null,
    int? MaxLength = null,
    long? Min = null,
    long? Max = null,
    IReadOnlyList<string>? Choices = null);

/// <summary>One step of the setup wizard and the fields it accepts.</summary>
public sealed record WizardStepDefinition(int Number, string Key, string TitleKey, string DescriptionKey, IReadOnlyList<FieldRule> Fields)
{
    public FieldRule? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
}

public enum ComparisonOperator
{
    GreaterOrEqual,
    Greater,
    Equal,
    LessOrEqual,
    Less,
}

/// <summary>When a checklist task counts as complete.</summary>
public abstract record Criterion;

/// <summary>A field of the organization's onboarding state compared with a value (see <see cref="StateFields"/>).</summary>
public sealed record StateCheckCriterion(string Field, ComparisonOperator Operator, double Value) : Criterion;

/// <summary>An activity counter the catalog declares (<see cref="ActivityCatalog"/>) compared with a threshold.</summary>
public sealed record ActivityCountCriterion(string Counter, ComparisonOperator Operator, long Value) : Criterion;

/// <summary>How many events of one type the organization has recorded, compared with a threshold.</summary>
public sealed record EventCountCriterion(string EventType, ComparisonOperator Operator, long Value) : Criterion;

public sealed record CompositeAndCriterion(IReadOnlyList<Criterion> Criteria) : Criterion;

public sealed record CompositeOrCriterion(IReadOnlyList<Criterion> Criteria) : Criterion;

/// <summary>Completed only by an explicit "complete" call.</summary>
public sealed record ManualCriterion : Criterion;

/// <summary>
/// One checklist task. <paramref name="Sticky"/>: once complete it stays complete even if the activity
/// that completed it is later deleted.
/// </summary>
public sealed record ChecklistTaskDefinition(
    string Id,
    string TitleKey,
    string DescriptionKey,
    string Icon,
    string QuickActionUrl,
    int Order,
    bool IsActive,
    bool Sticky,
    Criterion Criteria);

public sealed record TutorialDefinition(string Id, string TitleKey, int StepCount, int Order);

/// <summary>What a feature waits for: an activity counter or an event type reaching a threshold.</summary>
public sealed record FeatureMilestone(MilestoneKind Kind, string Name, long Threshold);

public enum MilestoneKind
{
    ActivityCount,
    EventCount,
}

public sealed record FeatureDefinition(string Id, string TitleKey, string DescriptionKey, FeatureMilestone Milestone);

/// <summary>
/// Everything the product defines about onboarding, shipped as data (<c>default-catalog.json</c>),
/// validated when loaded, overridable per deployment. <paramref name="SampleData"/>: the demo data it offers, if any.
/// </summary>
public sealed record OnboardingCatalog(
    IReadOnlyList<WizardStepDefinition> WizardSteps,
    IReadOnlyList<ChecklistTaskDefinition> ChecklistTasks,
    IReadOnlyList<TutorialDefinition> Tutorials,
    IReadOnlyList<FeatureDefinition> Features,
    ActivityCatalog Activity,
    SampleDataTemplate? SampleData = null)
{
    /// <summary>The wizard field an organization gives its time zone in (the first of type time zone), if any.</summary>
    public (int Step, string Field)? TimeZoneField =>
        WizardSteps.SelectMany(s => s.Fields.Where(f => f.Type == FieldType.TimeZone).Select(f => ((int, string)?)(s.Number, f.Name))).FirstOrDefault();

    public int WizardStepCount => WizardSteps.Count;

    /// <summary>An event type of the contract: the engine's own types, or the product activity this catalog declares.</summary>
    public bool IsKnownEventType(string type) => OnboardingEventTypes.IsKnown(type) || Activity.IsActivityType(type);

    public WizardStepDefinition? WizardStep(int number) => WizardSteps.FirstOrDefault(s => s.Number == number);

    public ChecklistTaskDefinition? ChecklistTask(string id) => ChecklistTasks.FirstOrDefault(t => t.Id == id);

    public TutorialDefinition? Tutorial(string id) => Tutorials.FirstOrDefault(t => t.Id == id);

    public FeatureDefinition? Feature(string id) => Features.FirstOrDefault(f => f.Id == id);

    public IEnumerable<ChecklistTaskDefinition> ActiveTasks => ChecklistTasks.Where(t => t.IsActive).OrderBy(t => t.Order);
}
