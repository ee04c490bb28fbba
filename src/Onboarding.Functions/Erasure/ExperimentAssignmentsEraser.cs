using Onboarding.Functions.Analytics;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.Erasure;

/// <summary>
/// The organization's variant of each experiment (keyed by its pseudonym): the experiments come from its events, still in
/// its partition, and each is deleted under every pseudonym key the organization may have been assigned under.
/// </summary>
public sealed class ExperimentAssignmentsEraser(ExperimentAssignments variants) : IOrganizationDataEraser
{
    public string Name => "experiments";

    public async Task<bool> EraseAsync(ErasureContext context, CancellationToken cancellationToken)
    {
        var experiments = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var page in context.OrganizationRowsAsync(ProfileRows.EventPrefix, null, ["Experiment"], cancellationToken))
        {
            experiments.UnionWith(page.Values.Select(row => row.GetString("Experiment")).OfType<string>());
        }
        await variants.RemoveAsync(context.OrganizationId, experiments, cancellationToken);
        return true;
    }
}
