using Onboarding.Domain.Events;

namespace Onboarding.Domain.Analytics;

/// <summary>
/// One wizard step of the funnel: organizations that reached it, completed it and dropped out at it. Two drop-offs:
/// of those who reached the step (one decimal), and of all who started the wizard (two decimals, the seed's definition).
/// </summary>
public sealed record FunnelStep(
    int Step, int Reached, int Completed, int Dropped, double DropOffPercent, double DropOffPercentOfStarted, double? MedianDurationSeconds);

/// <summary>
/// A <see cref="WizardFunnel"/> as plain data: who started, who completed and dropped at each step, the step durations
/// per organization, who dismissed the onboarding, who signed up.
/// </summary>
public sealed record WizardFunnelData(
    IReadOnlyList<string> Started,
    IReadOnlyDictionary<int, string[]> Completed,
    IReadOnlyDictionary<int, string[]> Dropped,
    IReadOnlyDictionary<int, Dictionary<string, double[]>> Durations,
    IReadOnlyList<string>? Dismissed = null,
    IReadOnlyList<string>? SignedUp = null);

/// <summary>
/// The wizard funnel of a period, built from its onboarding events and mergeable, so that per-day
/// tallies (the roll-ups) add up to any range without reading the events again. Organizations are
/// counted once per step however often they repeat it (a reset wizard); sample events never count.
/// </summary>
public sealed class WizardFunnel
{
    private readonly HashSet<string> started = new(StringComparer.Ordinal);
    private readonly Dictionary<int, HashSet<string>> completed = [];
    private readonly Dictionary<int, HashSet<string>> dropped = [];
    private readonly Dictionary<int, Dictionary<string, List<double>>> durations = [];
    private readonly HashSet<string> dismissed = new(StringComparer.Ordinal);
    private readonly HashSet<string> signedUp = new(StringComparer.Ordinal);

    /// <summary>Organizations that dismissed their onboarding in the period (<c>onboarding_dismissed</c>), each once.</summary>
    public int Dismissed => dismissed.Count;

    public void Add(OnboardingEvent e)
    {
        if (e.IsSample)
        {
            return;
        }
        switch (e.Type)
        {
            case OnboardingEventTypes.WizardStarted:
                started.Add(e.OrganizationId);
                break;
            case OnboardingEventTypes.WizardStepCompleted when e.WizardStepReached is { } step:
                Of(completed, step).Add(e.OrganizationId);
                if (e.StepDurationSeconds is { } seconds)
                {
                    DurationsOf(step, e.OrganizationId).Add(seconds);
                }
                break;
            case OnboardingEventTypes.WizardSkipped when e.WizardStepDropped is { } step:
                Of(dropped, step).Add(e.OrganizationId);
                break;
            case OnboardingEventTypes.OnboardingDismissed:
                dismissed.Add(e.OrganizationId);
                break;
            case OnboardingEventTypes.OrganizationCreated:
                signedUp.Add(e.OrganizationId);
                break;
        }
    }

    /// <summary>Adds what <paramref name="other"/> counted (another day, say) to this funnel.</summary>
    public void Merge(WizardFunnel other)
    {
        started.UnionWith(other.started);
        dismissed.UnionWith(other.dismissed);
        signedUp.UnionWith(other.signedUp);
        foreach (var (step, organizations) in other.completed)
        {
            Of(completed, step).UnionWith(organizations);
        }
        foreach (var (step, organizations) in other.dropped)
        {
            Of(dropped, step).UnionWith(organizations);
        }
        foreach (var (step, byOrganization) in other.durations)
        {
            foreach (var (organization, seconds) in byOrganization)
            {
                DurationsOf(step, organization).AddRange(seconds);
            }
        }
    }

    /// <summary>What this funnel counted of <paramref name="organizations"/> only (one experiment variant's, say).</summary>
    public WizardFunnel Only(IReadOnlySet<string> organizations)
    {
        var funnel = new WizardFunnel();
        funnel.started.UnionWith(started.Where(organizations.Contains));
        funnel.dismissed.UnionWith(dismissed.Where(organizations.Contains));
        funnel.signedUp.UnionWith(signedUp.Where(organizations.Contains));
        foreach (var (step, members) in completed)
        {
            Of(funnel.completed, step).UnionWith(members.Where(organizations.Contains));
        }
        foreach (var (step, members) in dropped)
        {
            Of(funnel.dropped, step).UnionWith(members.Where(organizations.Contains));
        }
        foreach (var (step, byOrganization) in durations)
        {
            foreach (var (organization, seconds) in byOrganization.Where(d => organizations.Contains(d.Key)))
            {
                funnel.DurationsOf(step, organization).AddRange(seconds);
            }
        }
        return funnel;
    }

    /// <summary>Organizations that started the wizard in the period.</summary>
    public int Started => started.Count;

    /// <summary>Organizations that started the wizard in the period and completed its last step (<paramref name="stepCount"/>) in it.</summary>
    public int StartedAndCompleted(int stepCount) => In(completed, stepCount).Count(started.Contains);

    /// <summary>
    /// Steps 1 to <paramref name="stepCount"/>. An organization reached a step when it started the wizard
    /// (step 1), completed the step before, or completed or dropped out at this step or a later one, so
    /// every step counts no more than the one before it. It dropped out at a step when it skipped there and
    /// did not complete that step in the period (one that skipped, resumed and completed is not a drop-out).
    /// Drop-off is the share of those who reached the step that dropped out at it, and of all who started.
    /// </summary>
    public IReadOnlyList<FunnelStep> Steps(int stepCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepCount, 1);
        var steps = new List<FunnelStep>(stepCount);
        var reachedLater = new HashSet<string>(StringComparer.Ordinal);
        for (var step = stepCount; step >= 1; step--)
        {
            reachedLater.UnionWith(In(completed, step));
            reachedLater.UnionWith(In(dropped, step));
            var reached = new HashSet<string>(reachedLater, StringComparer.Ordinal);
            reached.UnionWith(step == 1 ? started : In(completed, step - 1));
            var droppedHere = In(dropped, step).Count(organization => !In(completed, step).Contains(organization));
            steps.Add(new FunnelStep(
                step,
                reached.Count,
                In(completed, step).Count,
                droppedHere,
                Percent(droppedHere, reached.Count, decimals: 1),
                Percent(droppedHere, started.Count, decimals: 2),
                SummaryStatistics.From(durations.GetValueOrDefault(step)?.Values.SelectMany(d => d) ?? []).Median));
        }
        steps.Reverse();
        return steps;
    }

    /// <summary>
    /// Step 0, sign-up: the organizations created in the period (<c>organization_created</c>) <c>reached</c> it; those of
    /// them that opened the wizard in the period <c>completed</c> it, the others <c>dropped</c> there. Both drop-offs are
    /// of those who signed up (onboarding starts at sign-up); there is no duration.
    /// </summary>
    public FunnelStep SignUpStep()
    {
        var opened = signedUp.Count(started.Contains);
        var dropped = signedUp.Count - opened;
        return new FunnelStep(0, signedUp.Count, opened, dropped, Percent(dropped, signedUp.Count, decimals: 1), Percent(dropped, signedUp.Count, decimals: 2), null);
    }

    private static double Percent(int part, int whole, int decimals) =>
        whole == 0 ? 0 : Math.Round(100.0 * part / whole, decimals, MidpointRounding.AwayFromZero);

    /// <summary>What this funnel counted, as plain data (a day's roll-up stores it).</summary>
    public WizardFunnelData ToData() => new(
        [.. started.Order(StringComparer.Ordinal)],
        completed.OrderBy(s => s.Key).ToDictionary(s => s.Key, s => s.Value.Order(StringComparer.Ordinal).ToArray()),
        dropped.OrderBy(s => s.Key).ToDictionary(s => s.Key, s => s.Value.Order(StringComparer.Ordinal).ToArray()),
        durations.OrderBy(s => s.Key).ToDictionary(s => s.Key, s => s.Value.OrderBy(d => d.Key, StringComparer.Ordinal).ToDictionary(d => d.Key, d => d.Value.Order().ToArray(), StringComparer.Ordinal)),
        [.. dismissed.Order(StringComparer.Ordinal)],
        [.. signedUp.Order(StringComparer.Ordinal)]);

    /// <summary>The funnel <paramref name="data"/> describes: merging it counts the same as the events it came from.</summary>
    public static WizardFunnel FromData(WizardFunnelData data)
    {
        var funnel = new WizardFunnel();
        funnel.started.UnionWith(data.Started);
        funnel.dismissed.UnionWith(data.Dismissed ?? []);
        funnel.signedUp.UnionWith(data.SignedUp ?? []);
        foreach (var (step, organizations) in data.Completed)
        {
            Of(funnel.completed, step).UnionWith(organizations);
        }
        foreach (var (step, organizations) in data.Dropped)
        {
            Of(funnel.dropped, step).UnionWith(organizations);
        }
        foreach (var (step, byOrganization) in data.Durations)
        {
            foreach (var (organization, seconds) in byOrganization)
            {
                funnel.DurationsOf(step, organization).AddRange(seconds);
            }
        }
        return funnel;
    }

    private List<double> DurationsOf(int step, string organization)
    {
        if (!durations.TryGetValue(step, out var byOrganization))
        {
            durations[step] = byOrganization = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        }
        if (!byOrganization.TryGetValue(organization, out var seconds))
        {
            byOrganization[organization] = seconds = [];
        }
        return seconds;
    }

    private static IReadOnlySet<string> In(Dictionary<int, HashSet<string>> byStep, int step) =>
        byStep.TryGetValue(step, out var organizations) ? organizations : NoOrganizations;

    private static readonly HashSet<string> NoOrganizations = [];

    private static HashSet<string> Of(Dictionary<int, HashSet<string>> byStep, int step)
    {
        if (!byStep.TryGetValue(step, out var organizations))
        {
            byStep[step] = organizations = new HashSet<string>(StringComparer.Ordinal);
        }
        return organizations;
    }
}
