using System.Text.Json.Serialization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Domain;
using Onboarding.Domain.Tutorials;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Http;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.Tutorials;

/// <summary>Interactive tutorials; any member of the organization may record progress.</summary>
public sealed class TutorialsFunctions(OnboardingServices services)
{
    /// <summary>The rows this resource's representations show: what their ETag covers.</summary>
    private const ETagScope Shows = ETagScope.Tutorials;

    private const string Route = "orgs/{orgId}/onboarding/tutorials";
    private const string TutorialRoute = Route + "/{tutorialId}";
    private const int MaxBodyBytes = 1024;

    public sealed record ProgressRequest([property: JsonRequired] int StepsCompleted);

    public sealed record SkipRequest(int? StepReached = null);

    /// <summary>The answer to a tutorial change: all tutorials afterwards (as <c>GET</c> answers them) and the events the change caused.</summary>
    public sealed record TutorialChangeView(IReadOnlyList<TutorialView> Tutorials, int CompletedCount, int TotalCount, IReadOnlyList<EventView> Events)
    {
        /// <summary>The same members as <c>GET .../tutorials</c>, plus the events the change caused.</summary>
        public static TutorialChangeView From(TutorialsView tutorials, IReadOnlyList<EventView> events) =>
            new(tutorials.Tutorials, tutorials.CompletedCount, tutorials.TotalCount, events);
    }

    [Function("GetTutorials"), Access(AccessLevel.OrgMember), ETagged]
    public async Task<Ok<TutorialsView>> GetTutorials(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string orgId, CancellationToken cancellationToken)
    {
        var snapshot = await services.Updates.ReadAsync(orgId, cancellationToken);
        return ConditionalRequests.Read(request.HttpContext.Response, snapshot, Shows, TutorialsView.From(snapshot.Onboarding, services.Updates.CatalogOf(snapshot)));
    }

    /// <summary>Starts a tutorial; after completion or skip this is a replay (progress reset, replay count + 1).</summary>
    [Function("StartTutorial"), Access(AccessLevel.OrgMember), ETagged, ProblemResponse(404, "tutorial_not_found")]
    public Task<Results<Ok<TutorialChangeView>, ProblemHttpResult>> Start(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = TutorialRoute + "/start")] HttpRequest request, string orgId, string tutorialId, CancellationToken cancellationToken) =>
        ApplyAsync(orgId, request, (o, catalog, now) => TutorialRules.Start(o, catalog, tutorialId, now), cancellationToken);

    /// <summary>Records steps completed in the current run: never fewer than before, never more than the tutorial has (422).</summary>
    [Function("RecordTutorialProgress"), Access(AccessLevel.OrgMember), ETagged, AcceptsJson(typeof(ProgressRequest)), ProblemResponse(404, "tutorial_not_found")]
    [ProblemResponse(409, "tutorial_not_in_progress", "tutorial_not_started", "tutorial_progress_not_monotonic"), ProblemResponse(422, "tutorial_progress_beyond_total")]
    public async Task<Results<Ok<TutorialChangeView>, ProblemHttpResult>> Progress(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = TutorialRoute + "/progress")] HttpRequest request, string orgId, string tutorialId, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ProgressRequest>(request, MaxBodyBytes, "{\"stepsCompleted\": 2}", cancellationToken);
        if (body is null)
        {
            return problem!;
        }
        return await ApplyAsync(orgId, request, (o, catalog, now) => TutorialRules.RecordProgress(o, catalog, tutorialId, body.StepsCompleted, now), cancellationToken);
    }

    [Function("CompleteTutorial"), Access(AccessLevel.OrgMember), ETagged, ProblemResponse(404, "tutorial_not_found")]
    [ProblemResponse(409, "tutorial_already_completed", "tutorial_not_started", "tutorial_skipped")]
    public Task<Results<Ok<TutorialChangeView>, ProblemHttpResult>> Complete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = TutorialRoute + "/complete")] HttpRequest request, string orgId, string tutorialId, CancellationToken cancellationToken) =>
        ApplyAsync(orgId, request, (o, catalog, now) => TutorialRules.Complete(o, catalog, tutorialId, now), cancellationToken);

    /// <summary>Skips a tutorial, optionally saying which step was reached (default: the steps completed so far).</summary>
    [Function("SkipTutorial"), Access(AccessLevel.OrgMember), ETagged, AcceptsJson(typeof(SkipRequest), Required = false), ProblemResponse(404, "tutorial_not_found")]
    [ProblemResponse(409, "tutorial_already_completed", "tutorial_already_skipped")]
    public async Task<Results<Ok<TutorialChangeView>, ProblemHttpResult>> Skip(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = TutorialRoute + "/skip")] HttpRequest request, string orgId, string tutorialId, CancellationToken cancellationToken)
    {
        var body = new SkipRequest();
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var (given, problem) = await JsonBody.ReadAsync<SkipRequest>(request, MaxBodyBytes, "{\"stepReached\": 2}", cancellationToken);
            if (given is null)
            {
                return problem!;
            }
            body = given;
        }
        return await ApplyAsync(orgId, request, (o, catalog, now) => TutorialRules.Skip(o, catalog, tutorialId, body.StepReached, now), cancellationToken);
    }

    private async Task<Results<Ok<TutorialChangeView>, ProblemHttpResult>> ApplyAsync(
        string orgId, HttpRequest request, OrganizationUpdates.Rule rule, CancellationToken cancellationToken)
    {
        var outcome = await services.Updates.ApplyAsync(orgId, rule, ConditionalRequests.IfMatch(request, Shows), cancellationToken);
        return ConditionalRequests.Respond(request.HttpContext.Response, outcome, Shows,
            snapshot => TutorialChangeView.From(TutorialsView.From(snapshot.Onboarding, outcome.Catalog), EventView.From(outcome.Events)));
    }
}
