using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Onboarding.Domain.Wizard;
using Onboarding.Functions.Api;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Hosting;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.SampleData;
using System.Text.Json;

namespace Onboarding.Functions.Wizard;

public static class WizardApi
{
    /// <summary>A step's body: its data (at most 8 KB, checked per field) with room for JSON whitespace.</summary>
    private const int MaxStepBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapWizardApi(this IEndpointRouteBuilder api)
    {
        var wizard = api.MapGroup("/orgs/{orgId}/onboarding/wizard").WithTags("Wizard");
        wizard.MapGet("", GetWizard).AsFunction("GetWizard").RequireAccess(AccessLevel.OrgMember);
        wizard.MapPost("/start", StartWizard).AsFunction("StartWizard").RequireAccess(AccessLevel.OrgAdmin);
        wizard.MapPut("/steps/{step}", SubmitStep).AsFunction("SubmitWizardStep").RequireAccess(AccessLevel.OrgAdmin)
            .Accepts<object>("application/json");
        wizard.MapPost("/skip", SkipWizard).AsFunction("SkipWizard").RequireAccess(AccessLevel.OrgAdmin);
        return api;
    }

    public static async Task<Ok<WizardView>> GetWizard(string orgId, HttpResponse response, [AsParameters] OnboardingServices services, CancellationToken cancellationToken)
    {
        var snapshot = await services.Updates.ReadAsync(orgId, cancellationToken);
        return ConditionalRequests.Read(response, snapshot, WizardView.From(snapshot.Onboarding.State.Wizard, services.Catalog));
    }

    /// <summary>Marks the wizard as opened (its first step's duration is measured from here); repeating it changes nothing.</summary>
    public static async Task<Results<Ok<WizardChangeView>, ProblemHttpResult>> StartWizard(
        string orgId, HttpContext http, [AsParameters] OnboardingServices services, CancellationToken cancellationToken)
    {
        var outcome = await services.Updates.ApplyAsync(orgId, (onboarding, now) => WizardRules.Start(onboarding, now),
            ConditionalRequests.IfMatch(http.Request), cancellationToken);
        return ConditionalRequests.Respond(http.Response, outcome, snapshot => ChangeView(snapshot, outcome, services));
    }

    /// <summary>Submits (or edits) one step; steps go in order, an earlier step can be edited at any time.</summary>
    public static async Task<Results<Ok<WizardChangeView>, ProblemHttpResult>> SubmitStep(
        string orgId, string step, HttpContext http, [AsParameters] OnboardingServices services, SampleDataService sampleData, CancellationToken cancellationToken)
    {
        if (!int.TryParse(step, out var number) || services.Catalog.WizardStep(number) is null)
        {
            return Problems.NotFound("wizard_step_not_found", $"The wizard has steps 1 to {services.Catalog.WizardStepCount}; there is no step '{step}'.");
        }
        var (body, problem) = await JsonBody.ReadAsync(http.Request, MaxStepBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var outcome = await services.Updates.ApplyAsync(orgId,
            (onboarding, now) => WizardRules.SubmitStep(onboarding, services.Catalog, number, body, now, services.TimeZones),
            ConditionalRequests.IfMatch(http.Request), cancellationToken);
        if (outcome.Succeeded && AsksForSampleData(body))
        {
            outcome = await GenerateSampleDataAsync(orgId, outcome, sampleData, cancellationToken);
        }
        return ConditionalRequests.Respond(http.Response, outcome, snapshot => ChangeView(snapshot, outcome, services));
    }

    public static async Task<Results<Ok<WizardChangeView>, ProblemHttpResult>> SkipWizard(
        string orgId, HttpContext http, [AsParameters] OnboardingServices services, CancellationToken cancellationToken)
    {
        var outcome = await services.Updates.ApplyAsync(orgId, (onboarding, now) => WizardRules.Skip(onboarding, services.Catalog, now),
            ConditionalRequests.IfMatch(http.Request), cancellationToken);
        return ConditionalRequests.Respond(http.Response, outcome, snapshot => ChangeView(snapshot, outcome, services));
    }

    /// <summary>The finishing step's choice to explore with demo data.</summary>
    private static bool AsksForSampleData(JsonElement body) =>
        body.TryGetProperty(GenerateSampleDataField, out var value) && value.ValueKind == JsonValueKind.True;

    private const string GenerateSampleDataField = "generateSampleData";

    /// <summary>Generates demo data as the wizard asked; an active set already there is kept (no error for the wizard).</summary>
    private static async Task<UpdateOutcome> GenerateSampleDataAsync(string orgId, UpdateOutcome wizardOutcome, SampleDataService sampleData, CancellationToken cancellationToken)
    {
        var generated = await sampleData.GenerateAsync(orgId, null, cancellationToken);
        return generated.Succeeded
            ? generated with { Events = [.. wizardOutcome.Events, .. generated.Events] }
            : wizardOutcome;
    }

    private static WizardChangeView ChangeView(OrganizationSnapshot snapshot, UpdateOutcome outcome, OnboardingServices services) =>
        new(WizardView.From(snapshot.Onboarding.State.Wizard, services.Catalog), EventView.From(outcome.Events));
}
