using System.Numerics;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.State;

namespace Onboarding.Domain.Checklist;

/// <summary>
/// How far an organization is towards a criterion, for display ("2/3" of a counter): a counting
/// criterion gives its count and threshold, a composite its met and total children, a state check
/// 1 or 0 out of 1.
/// </summary>
public sealed record CriterionProgress(long Current, long Target);

/// <summary>
/// Evaluates checklist criteria against one organization's onboarding. Counting criteria read the
/// activity counters only (never the event stream), so an evaluation is a handful of lookups.
/// </summary>
public sealed class CriteriaEvaluator(OrganizationOnboarding onboarding, int wizardStepCount)
{
    public CriteriaEvaluator(OrganizationOnboarding onboarding, OnboardingCatalog catalog)
        : this(onboarding, catalog.WizardStepCount)
    {
    }

    /// <summary>Whether the organization meets <paramref name="criterion"/>; a manual criterion is never met by evaluation.</summary>
    public bool IsMet(Criterion criterion) => criterion switch
    {
        StateCheckCriterion c => Compare(StateFields.Read(onboarding, c.Field, wizardStepCount), c.Operator, c.Value),
        ActivityCountCriterion c => Compare(onboarding.Activity.Counter(c.Counter), c.Operator, c.Value),
        EventCountCriterion c => Compare(onboarding.Activity.EventTypeCount(c.EventType), c.Operator, c.Value),
        CompositeAndCriterion c => c.Criteria.All(IsMet),
        CompositeOrCriterion c => c.Criteria.Any(IsMet),
        ManualCriterion => false,
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion.GetType().Name, "Unknown criterion type."),
    };

    /// <summary>The progress towards <paramref name="criterion"/>, or null for a manual one (nothing to count).</summary>
    public CriterionProgress? Progress(Criterion criterion) => criterion switch
    {
        StateCheckCriterion c => new CriterionProgress(IsMet(c) ? 1 : 0, 1),
        ActivityCountCriterion c => new CriterionProgress(onboarding.Activity.Counter(c.Counter), Target(c.Operator, c.Value)),
        EventCountCriterion c => new CriterionProgress(onboarding.Activity.EventTypeCount(c.EventType), Target(c.Operator, c.Value)),
        CompositeAndCriterion c => new CriterionProgress(c.Criteria.Count(IsMet), c.Criteria.Count),
        CompositeOrCriterion c => new CriterionProgress(c.Criteria.Count(IsMet), c.Criteria.Count),
        ManualCriterion => null,
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion.GetType().Name, "Unknown criterion type."),
    };

    /// <summary>Whether <paramref name="actual"/> compared with <paramref name="threshold"/> by <paramref name="comparison"/> holds.</summary>
    public static bool Compare<T>(T actual, ComparisonOperator comparison, T threshold)
        where T : INumber<T> => comparison switch
        {
            ComparisonOperator.GreaterOrEqual => actual >= threshold,
            ComparisonOperator.Greater => actual > threshold,
            ComparisonOperator.Equal => actual == threshold,
            ComparisonOperator.LessOrEqual => actual <= threshold,
            ComparisonOperator.Less => actual < threshold,
            _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, "Unknown comparison operator."),
        };

    // "more than 2" reads as "x/3", the first count that meets it, not "x/2".
    private static long Target(ComparisonOperator comparison, long threshold) =>
        comparison == ComparisonOperator.Greater ? threshold + 1 : threshold;
}
