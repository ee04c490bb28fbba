using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Domain.SampleData;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Http;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.SampleData;

/// <summary>Demo data an organization can generate to explore the product, clear, or let expire.</summary>
public sealed class SampleDataFunctions(SampleDataService service, SampleDataStore store, OrganizationUpdates updates, TimeProvider clock)
{
    /// <summary>The rows this resource's representations show: what their ETag covers.</summary>
    private const ETagScope Shows = ETagScope.State;

    private const string Route = "orgs/{orgId}/onboarding/sample-data";

    /// <summary>
    /// The set's status and times and, while it exists, its data. <paramref name="Offered"/>: whether the organization's
    /// catalog version defines sample data (generating is refused otherwise).
    /// </summary>
    public sealed record SampleDataDetailView(bool Offered, SampleDataView Status, SampleDataSetView? Data);

    /// <summary>The answer to a change: the status afterwards and the events it caused.</summary>
    public sealed record SampleDataChangeView(SampleDataView Status, IReadOnlyList<EventView> Events);

    /// <summary>Generates a demo data set from the catalog's template that expires by itself (409 while one is active, or when the catalog defines none).</summary>
    [Function("GenerateSampleData"), Access(AccessLevel.OrgAdmin), ETagged, ProblemResponse(409, "sample_data_active", "sample_data_not_offered")]
    public async Task<Results<Created<SampleDataChangeView>, ProblemHttpResult>> Generate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request, string orgId, CancellationToken cancellationToken)
    {
        var outcome = await service.GenerateAsync(orgId, ConditionalRequests.IfMatch(request, Shows), cancellationToken);
        if (ConditionalRequests.Refusal(outcome) is { } refused)
        {
            return refused;
        }
        request.HttpContext.Response.Headers.ETag = outcome.Snapshot.ETagOf(Shows);
        return TypedResults.Created($"{request.Path}",
            new SampleDataChangeView(SampleDataView.From(outcome.Snapshot.Onboarding.State.SampleData, clock.GetUtcNow()), EventView.From(outcome.Events)));
    }

    [Function("GetSampleData"), Access(AccessLevel.OnboardingStateReader), ETagged]
    public async Task<Ok<SampleDataDetailView>> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string orgId, CancellationToken cancellationToken)
    {
        var snapshot = await updates.ReadAsync(orgId, cancellationToken);
        var template = updates.CatalogOf(snapshot).SampleData;
        var status = SampleDataView.From(snapshot.Onboarding.State.SampleData, clock.GetUtcNow());
        var data = status.Status == SampleDataStatusNames.Active || status.PurgePending
            ? SampleRows.ToView(await store.ReadAsync(orgId, cancellationToken), template)
            : null;
        return ConditionalRequests.Read(request.HttpContext.Response, snapshot, Shows, new SampleDataDetailView(template is not null, status, data));
    }

    /// <summary>Removes every sample row now (409 when there is no active set).</summary>
    [Function("ClearSampleData"), Access(AccessLevel.OrgAdmin), ETagged, ProblemResponse(409, "no_active_sample_data")]
    public async Task<Results<Ok<SampleDataChangeView>, ProblemHttpResult>> Clear(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route)] HttpRequest request, string orgId, CancellationToken cancellationToken)
    {
        var outcome = await service.ClearAsync(orgId, ConditionalRequests.IfMatch(request, Shows), cancellationToken);
        return ConditionalRequests.Respond(request.HttpContext.Response, outcome, Shows,
            snapshot => new SampleDataChangeView(SampleDataView.From(snapshot.Onboarding.State.SampleData, clock.GetUtcNow()), EventView.From(outcome.Events)));
    }
}
