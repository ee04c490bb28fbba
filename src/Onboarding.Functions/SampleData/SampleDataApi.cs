using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Onboarding.Domain.SampleData;
using Onboarding.Functions.Api;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Hosting;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.SampleData;

public static class SampleDataApi
{
    public static IEndpointRouteBuilder MapSampleDataApi(this IEndpointRouteBuilder api)
    {
        var sample = api.MapGroup("/orgs/{orgId}/onboarding/sample-data").WithTags("Sample data");
        sample.MapPost("", Generate).AsFunction("GenerateSampleData").RequireAccess(AccessLevel.OrgAdmin);
        sample.MapGet("", Get).AsFunction("GetSampleData").RequireAccess(AccessLevel.OrgMember);
        sample.MapDelete("", Clear).AsFunction("ClearSampleData").RequireAccess(AccessLevel.OrgAdmin);
        return api;
    }

    public sealed record Services(SampleDataService Service, SampleDataStore Store, OrganizationUpdates Updates, TimeProvider Clock);

    /// <summary>The set's status and times and, while it exists, its data.</summary>
    public sealed record SampleDataDetailView(SampleDataView Status, SampleDataSetView? Data);

    /// <summary>The answer to a change: the status afterwards and the events it caused.</summary>
    public sealed record SampleDataChangeView(SampleDataView Status, IReadOnlyList<EventView> Events);

    /// <summary>Generates a demo data set that expires by itself (409 while one is active).</summary>
    public static async Task<Results<Created<SampleDataChangeView>, ProblemHttpResult>> Generate(
        string orgId, HttpRequest request, [AsParameters] Services services, CancellationToken cancellationToken)
    {
        var outcome = await services.Service.GenerateAsync(orgId, ConditionalRequests.IfMatch(request), cancellationToken);
        if (outcome.PreconditionFailed)
        {
            return Problems.PreconditionFailed();
        }
        if (outcome.Error is { } error)
        {
            return Problems.From(error);
        }
        request.HttpContext.Response.Headers.ETag = outcome.Snapshot.HttpETag;
        return TypedResults.Created($"{request.Path}",
            new SampleDataChangeView(SampleDataView.From(outcome.Snapshot.Onboarding.State.SampleData, services.Clock.GetUtcNow()), EventView.From(outcome.Events)));
    }

    public static async Task<Ok<SampleDataDetailView>> Get(string orgId, HttpResponse response, [AsParameters] Services services, CancellationToken cancellationToken)
    {
        var snapshot = await services.Updates.ReadAsync(orgId, cancellationToken);
        var status = SampleDataView.From(snapshot.Onboarding.State.SampleData, services.Clock.GetUtcNow());
        var data = status.Status == SampleDataStatusNames.Active || status.PurgePending
            ? SampleRows.ToView(await services.Store.ReadAsync(orgId, cancellationToken))
            : null;
        return ConditionalRequests.Read(response, snapshot, new SampleDataDetailView(status, data));
    }

    /// <summary>Removes every sample row now (409 when there is no active set).</summary>
    public static async Task<Results<Ok<SampleDataChangeView>, ProblemHttpResult>> Clear(
        string orgId, HttpRequest request, [AsParameters] Services services, CancellationToken cancellationToken)
    {
        var outcome = await services.Service.ClearAsync(orgId, ConditionalRequests.IfMatch(request), cancellationToken);
        return ConditionalRequests.Respond(request.HttpContext.Response, outcome,
            snapshot => new SampleDataChangeView(SampleDataView.From(snapshot.Onboarding.State.SampleData, services.Clock.GetUtcNow()), EventView.From(outcome.Events)));
    }
}
