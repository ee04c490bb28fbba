using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Domain.Checklist;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Http;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.Checklist;

/// <summary>The checklist, computed from the organization's real activity; manual tasks can be completed by hand.</summary>
public sealed class ChecklistFunctions(OnboardingServices services)
{
    /// <summary>The rows this resource's representations show: what their ETag covers.</summary>
    private const ETagScope Shows = ETagScope.Progress;

    private const string Route = "orgs/{orgId}/onboarding/checklist";

    /// <summary>The checklist evaluated now from the organization's activity; a task seen complete for the first time is recorded.</summary>
    [Function("GetChecklist"), Access(AccessLevel.OnboardingStateReader), ETagged]
    public async Task<Ok<ChecklistView>> GetChecklist(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string orgId, CancellationToken cancellationToken)
    {
        var snapshot = await services.Updates.ReadAsync(orgId, cancellationToken);
        return ConditionalRequests.Read(request.HttpContext.Response, snapshot, Shows, ChecklistView.From(snapshot.Onboarding, services.Updates.CatalogOf(snapshot)));
    }

    /// <summary>The answer to a manual completion: the checklist afterwards and the events the change caused.</summary>
    public sealed record ChecklistChangeView(ChecklistView Checklist, IReadOnlyList<EventView> Events);

    /// <summary>Completes a manual task (409 for a task completed by activity).</summary>
    [Function("CompleteChecklistTask"), Access(AccessLevel.OrgAdmin), ETagged]
    [ProblemResponse(404, "checklist_task_not_found"), ProblemResponse(409, "checklist_task_inactive", "checklist_task_not_manual")]
    public async Task<Results<Ok<ChecklistChangeView>, ProblemHttpResult>> CompleteTask(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{taskId}/complete")] HttpRequest request, string orgId, string taskId,
        CancellationToken cancellationToken)
    {
        var outcome = await services.Updates.ApplyAsync(orgId,
            (onboarding, catalog, now) => ChecklistRules.CompleteManually(onboarding, catalog, taskId, now),
            ConditionalRequests.IfMatch(request, Shows), cancellationToken);
        return ConditionalRequests.Respond(request.HttpContext.Response, outcome, Shows,
            snapshot => new ChecklistChangeView(ChecklistView.From(snapshot.Onboarding, outcome.Catalog), EventView.From(outcome.Events)));
    }
}
