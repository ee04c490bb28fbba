using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Onboarding.Domain.Checklist;
using Onboarding.Functions.Api;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Hosting;

namespace Onboarding.Functions.Checklist;

public static class ChecklistApi
{
    public static IEndpointRouteBuilder MapChecklistApi(this IEndpointRouteBuilder api)
    {
        var checklist = api.MapGroup("/orgs/{orgId}/onboarding/checklist").WithTags("Checklist");
        checklist.MapGet("", GetChecklist).AsFunction("GetChecklist").RequireAccess(AccessLevel.OrgMember);
        checklist.MapPost("/{taskId}/complete", CompleteTask).AsFunction("CompleteChecklistTask").RequireAccess(AccessLevel.OrgAdmin);
        return api;
    }

    /// <summary>The checklist evaluated now from the organization's activity; a task seen complete for the first time is recorded.</summary>
    public static async Task<Ok<ChecklistView>> GetChecklist(string orgId, HttpResponse response, [AsParameters] OnboardingServices services, CancellationToken cancellationToken)
    {
        var snapshot = await services.Updates.ReadAsync(orgId, cancellationToken);
        return ConditionalRequests.Read(response, snapshot, ChecklistView.From(snapshot.Onboarding, services.Catalog));
    }

    /// <summary>The answer to a manual completion: the checklist afterwards and the events the change caused.</summary>
    public sealed record ChecklistChangeView(ChecklistView Checklist, IReadOnlyList<EventView> Events);

    /// <summary>Completes a manual task (409 for a task completed by activity).</summary>
    public static async Task<Results<Ok<ChecklistChangeView>, ProblemHttpResult>> CompleteTask(
        string orgId, string taskId, HttpContext http, [AsParameters] OnboardingServices services, CancellationToken cancellationToken)
    {
        var outcome = await services.Updates.ApplyAsync(orgId,
            (onboarding, now) => ChecklistRules.CompleteManually(onboarding, services.Catalog, taskId, now),
            ConditionalRequests.IfMatch(http.Request), cancellationToken);
        return ConditionalRequests.Respond(http.Response, outcome,
            snapshot => new ChecklistChangeView(ChecklistView.From(snapshot.Onboarding, services.Catalog), EventView.From(outcome.Events)));
    }
}
