using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Onboarding.Domain;
using Onboarding.Domain.Tutorials;
using Onboarding.Functions.Api;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Hosting;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.Tutorials;

/// <summary>Interactive tutorials; any member of the organization may record progress.</summary>
public static class TutorialsApi
{
    private const int MaxBodyBytes = 1024;

    public static IEndpointRouteBuilder MapTutorialsApi(this IEndpointRouteBuilder api)
    {
        var tutorials = api.MapGroup("/orgs/{orgId}/onboarding/tutorials").WithTags("Tutorials");
        tutorials.MapGet("", GetTutorials).AsFunction("GetTutorials").RequireAccess(AccessLevel.OrgMember);
        tutorials.MapPost("/{tutorialId}/start", Start).AsFunction("StartTutorial").RequireAccess(AccessLevel.OrgMember);
        tutorials.MapPost("/{tutorialId}/progress", Progress).AsFunction("RecordTutorialProgress").RequireAccess(AccessLevel.OrgMember)
            .Accepts<ProgressRequest>("application/json");
        tutorials.MapPost("/{tutorialId}/complete", Complete).AsFunction("CompleteTutorial").RequireAccess(AccessLevel.OrgMember);
        tutorials.MapPost("/{tutorialId}/skip", Skip).AsFunction("SkipTutorial").RequireAccess(AccessLevel.OrgMember)
            .Accepts<SkipRequest>("application/json");
        return api;
    }

    public sealed record ProgressRequest(int StepsCompleted);

    public sealed record SkipRequest(int? StepReached);

    /// <summary>The answer to a tutorial change: all tutorials afterwards (as <c>GET</c> answers them) and the events the change caused.</summary>
    public sealed record TutorialChangeView(IReadOnlyList<TutorialView> Tutorials, int CompletedCount, int TotalCount, IReadOnlyList<EventView> Events)
    {
        /// <summary>The same members as <c>GET .../tutorials</c>, plus the events the change caused.</summary>
        public static TutorialChangeView From(TutorialsView tutorials, IReadOnlyList<EventView> events) =>
            new(tutorials.Tutorials, tutorials.CompletedCount, tutorials.TotalCount, events);
    }

    public static async Task<Ok<TutorialsView>> GetTutorials(string orgId, HttpResponse response, [AsParameters] OnboardingServices services, CancellationToken cancellationToken)
    {
        var snapshot = await services.Updates.ReadAsync(orgId, cancellationToken);
        return ConditionalRequests.Read(response, snapshot, TutorialsView.From(snapshot.Onboarding, services.Catalog));
    }

    /// <summary>Starts a tutorial; after completion or skip this is a replay (progress reset, replay count + 1).</summary>
    public static Task<Results<Ok<TutorialChangeView>, ProblemHttpResult>> Start(
        string orgId, string tutorialId, HttpContext http, [AsParameters] OnboardingServices services, CancellationToken cancellationToken) =>
        ApplyAsync(orgId, http, services, (o, now) => TutorialRules.Start(o, services.Catalog, tutorialId, now), cancellationToken);

    /// <summary>Records steps completed in the current run: never fewer than before, never more than the tutorial has (422).</summary>
    public static async Task<Results<Ok<TutorialChangeView>, ProblemHttpResult>> Progress(
        string orgId, string tutorialId, HttpContext http, [AsParameters] OnboardingServices services, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(http.Request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (JsonBody.RequireObjectWith(body, "{\"stepsCompleted\": 2}", "stepsCompleted") is { } refused)
        {
            return refused;
        }
        if (ReadWholeNumber(body, "stepsCompleted") is not { } steps)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["stepsCompleted"] = ["Send {\"stepsCompleted\": <whole number>}."] });
        }
        return await ApplyAsync(orgId, http, services, (o, now) => TutorialRules.RecordProgress(o, services.Catalog, tutorialId, steps, now), cancellationToken);
    }

    public static Task<Results<Ok<TutorialChangeView>, ProblemHttpResult>> Complete(
        string orgId, string tutorialId, HttpContext http, [AsParameters] OnboardingServices services, CancellationToken cancellationToken) =>
        ApplyAsync(orgId, http, services, (o, now) => TutorialRules.Complete(o, services.Catalog, tutorialId, now), cancellationToken);

    /// <summary>Skips a tutorial, optionally saying which step was reached (default: the steps completed so far).</summary>
    public static async Task<Results<Ok<TutorialChangeView>, ProblemHttpResult>> Skip(
        string orgId, string tutorialId, HttpContext http, [AsParameters] OnboardingServices services, CancellationToken cancellationToken)
    {
        int? stepReached = null;
        if (http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var (body, problem) = await JsonBody.ReadAsync(http.Request, MaxBodyBytes, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
            if (JsonBody.RequireObjectWith(body, "{\"stepReached\": 2}", "stepReached") is { } refused)
            {
                return refused;
            }
            stepReached = ReadWholeNumber(body, "stepReached");
            if (stepReached is null && body.TryGetProperty("stepReached", out var given) && given.ValueKind != JsonValueKind.Null)
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["stepReached"] = ["Must be a whole number."] });
            }
        }
        return await ApplyAsync(orgId, http, services, (o, now) => TutorialRules.Skip(o, services.Catalog, tutorialId, stepReached, now), cancellationToken);
    }

    private static async Task<Results<Ok<TutorialChangeView>, ProblemHttpResult>> ApplyAsync(
        string orgId, HttpContext http, OnboardingServices services, OrganizationUpdates.Rule rule, CancellationToken cancellationToken)
    {
        var outcome = await services.Updates.ApplyAsync(orgId, rule, ConditionalRequests.IfMatch(http.Request), cancellationToken);
        return ConditionalRequests.Respond(http.Response, outcome,
            snapshot => TutorialChangeView.From(TutorialsView.From(snapshot.Onboarding, services.Catalog), EventView.From(outcome.Events)));
    }

    private static int? ReadWholeNumber(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;
}
