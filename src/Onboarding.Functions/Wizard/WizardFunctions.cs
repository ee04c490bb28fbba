using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Domain.Wizard;
using Onboarding.Functions.Api;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Http;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.SampleData;

namespace Onboarding.Functions.Wizard;

/// <summary>The setup wizard: five steps in order, each editable later, the whole wizard skippable.</summary>
public sealed class WizardFunctions(OnboardingServices services, SampleDataService sampleData)
{
    /// <summary>The rows this resource's representations show: what their ETag covers.</summary>
    private const ETagScope Shows = ETagScope.State;

    private const string Route = "orgs/{orgId}/onboarding/wizard";

    /// <summary>A step's body: its data (at most 8 KB, checked per field) with room for JSON whitespace.</summary>
    private const int MaxStepBodyBytes = 16 * 1024;

    [Function("GetWizard"), Access(AccessLevel.OnboardingStateReader), ETagged]
    public async Task<Ok<WizardView>> GetWizard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string orgId, CancellationToken cancellationToken)
    {
        var snapshot = await services.Updates.ReadAsync(orgId, cancellationToken);
        return ConditionalRequests.Read(request.HttpContext.Response, snapshot, Shows, WizardView.From(snapshot.Onboarding.State.Wizard, services.Updates.CatalogOf(snapshot)));
    }

    /// <summary>Marks the wizard as opened (its first step's duration is measured from here); repeating it changes nothing.</summary>
    [Function("StartWizard"), Access(AccessLevel.OrgAdmin), ETagged]
    public async Task<Results<Ok<WizardChangeView>, ProblemHttpResult>> StartWizard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/start")] HttpRequest request, string orgId, CancellationToken cancellationToken)
    {
        var outcome = await services.Updates.ApplyAsync(orgId, (onboarding, _, now) => WizardRules.Start(onboarding, now),
            ConditionalRequests.IfMatch(request, Shows), cancellationToken);
        return ConditionalRequests.Respond(request.HttpContext.Response, outcome, Shows, snapshot => ChangeView(snapshot, outcome));
    }

    /// <summary>Submits (or edits) one step; steps go in order, an earlier step can be edited at any time.</summary>
    [Function("SubmitWizardStep"), Access(AccessLevel.OrgAdmin), ETagged, AcceptsJson(OpenApiSchemas.WizardStepRequest)]
    [ProblemResponse(404, "wizard_step_not_found"), ProblemResponse(409, "wizard_step_out_of_order")]
    public async Task<Results<Ok<WizardChangeView>, ProblemHttpResult>> SubmitStep(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route + "/steps/{step}")] HttpRequest request, string orgId, string step,
        CancellationToken cancellationToken)
    {
        // A number the organization's catalog version has no step for is refused by the rule, which knows that version.
        if (!int.TryParse(step, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return Problems.NotFound("wizard_step_not_found", $"The wizard's steps are numbered from 1; there is no step '{step}'.");
        }
        var (body, problem) = await JsonBody.ReadAsync(request, MaxStepBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var outcome = await services.Updates.ApplyAsync(orgId,
            (onboarding, catalog, now) => WizardRules.SubmitStep(onboarding, catalog, number, body, now, services.TimeZones),
            ConditionalRequests.IfMatch(request, Shows), cancellationToken);
        if (outcome.Succeeded && AsksForSampleData(body))
        {
            outcome = await GenerateSampleDataAsync(orgId, outcome, cancellationToken);
        }
        return ConditionalRequests.Respond(request.HttpContext.Response, outcome, Shows, snapshot => ChangeView(snapshot, outcome));
    }

    [Function("SkipWizard"), Access(AccessLevel.OrgAdmin), ETagged, ProblemResponse(409, "wizard_already_completed", "wizard_already_skipped")]
    public async Task<Results<Ok<WizardChangeView>, ProblemHttpResult>> SkipWizard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/skip")] HttpRequest request, string orgId, CancellationToken cancellationToken)
    {
        var outcome = await services.Updates.ApplyAsync(orgId, (onboarding, catalog, now) => WizardRules.Skip(onboarding, catalog, now),
            ConditionalRequests.IfMatch(request, Shows), cancellationToken);
        return ConditionalRequests.Respond(request.HttpContext.Response, outcome, Shows, snapshot => ChangeView(snapshot, outcome));
    }

    /// <summary>The finishing step's choice to explore with demo data.</summary>
    private static bool AsksForSampleData(JsonElement body) =>
        body.TryGetProperty(GenerateSampleDataField, out var value) && value.ValueKind == JsonValueKind.True;

    private const string GenerateSampleDataField = "generateSampleData";

    /// <summary>Generates demo data as the wizard asked; an active set already there is kept (no error for the wizard).</summary>
    private async Task<UpdateOutcome> GenerateSampleDataAsync(string orgId, UpdateOutcome wizardOutcome, CancellationToken cancellationToken)
    {
        var generated = await sampleData.GenerateAsync(orgId, null, cancellationToken);
        return generated.Succeeded
            ? generated with { Events = [.. wizardOutcome.Events, .. generated.Events] }
            : wizardOutcome;
    }

    private WizardChangeView ChangeView(OrganizationSnapshot snapshot, UpdateOutcome outcome) =>
        new(WizardView.From(snapshot.Onboarding.State.Wizard, outcome.Catalog), EventView.From(outcome.Events));
}
