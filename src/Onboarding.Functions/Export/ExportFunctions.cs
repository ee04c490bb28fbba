using Microsoft.Azure.Functions.Worker;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Http;

namespace Onboarding.Functions.Export;

/// <summary>Everything held for an organization, as one JSON document (its admin, or a platform analyst).</summary>
public sealed class ExportFunctions(OrganizationExport export)
{
    /// <summary>
    /// The organization's state, wizard data, checklist, features, tutorials, events and sample data (schema
    /// version 1), streamed; an organization never seen gives the same document with empty sections.
    /// </summary>
    [Function("ExportOnboarding"), Access(AccessLevel.OrgAdminOrAnalyst)]
    public Task<StreamedJsonResult> Export(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "orgs/{orgId}/onboarding/export")] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        Task.FromResult(new StreamedJsonResult((writer, aborted) => export.WriteAsync(writer, orgId, aborted), $"onboarding-{orgId}.json"));
}
