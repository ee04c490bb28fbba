using Onboarding.Functions.Analytics;

namespace Onboarding.Functions.Erasure;

/// <summary>The organization's rows in the organizations index (one per sort), found by a filtered query on its id.</summary>
public sealed class OrganizationsIndexEraser(OrganizationsIndex index) : IOrganizationDataEraser
{
    public string Name => "organizations-index";

    public async Task<bool> EraseAsync(ErasureContext context, CancellationToken cancellationToken)
    {
        await index.RemoveAsync(context.OrganizationId, cancellationToken);
        return true;
    }
}
