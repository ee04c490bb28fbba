using System.Net.Http.Headers;
using System.Text;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Api;

/// <summary>Real answers of the running app checked against what the document says the operation answers.</summary>
public sealed class OpenApiRefusalTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Step1 = """{"organizationName":"Acme","location":"Lyon","timezone":"Europe/Paris"}""";

    public static TheoryData<string, string, int, string> Refusals => new()
    {
        { "SubmitWizardStep", "step 3 first", 409, "wizard_step_out_of_order" },
        { "SubmitWizardStep", "stale If-Match", 412, "precondition_failed" },
        { "SubmitWizardStep", "text body", 415, "unsupported_media_type" },
        { "SubmitWizardStep", "no token", 401, "unauthenticated" },
        { "SubmitWizardStep", "unknown field", 400, "validation_failed" },
        { "CompleteChecklistTask", "activity task", 409, "checklist_task_not_manual" },
        { "RecordTutorialProgress", "too many steps", 422, "tutorial_progress_beyond_total" },
        { "CompleteTutorial", "unknown tutorial", 404, "tutorial_not_found" },
        { "ClearSampleData", "nothing to clear", 409, "no_active_sample_data" },
        { "TrackEvents", "server-side type", 400, "validation_failed" },
        { "GetAnalyticsFunnel", "member token", 403, "role_required" },
        { "GetWizard", "other organization", 404, "organization_not_found" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task EachRefusalIsAStatusAndCodeTheDocumentListsForItsOperation(string operationId, string situation, int status, string code)
    {
        var document = await OpenApiTestDocument.FetchAsync(fixture.App);
        var org = TestStorage.UniqueId();
        using var admin = fixture.App.ClientFor(org);
        var wizard = $"/api/orgs/{org}/onboarding/wizard/steps";

        using var response = situation switch
        {
            "step 3 first" => await admin.PutAsync($"{wizard}/3", JsonRequests.Json("""{"teamName":"A","teamRole":"B"}""")),
            "stale If-Match" => await SendAsync(admin, HttpMethod.Put, $"{wizard}/1", Step1, "\"stale\""),
            "text body" => await admin.PutAsync($"{wizard}/1", new StringContent(Step1, Encoding.UTF8, "text/plain")),
            "no token" => await fixture.App.CreateClient().PutAsync($"{wizard}/1", JsonRequests.Json(Step1)),
            "unknown field" => await admin.PutAsync($"{wizard}/1", JsonRequests.Json("""{"organizationName":"Acme","timezone":"Europe/Paris","color":"red"}""")),
            "activity task" => await admin.PostAsync($"/api/orgs/{org}/onboarding/checklist/create_first_event/complete", null),
            "too many steps" => await StartedThenAsync(admin, org, "events_intro", """{"stepsCompleted":99}"""),
            "unknown tutorial" => await admin.PostAsync($"/api/orgs/{org}/onboarding/tutorials/no_such_tutorial/complete", null),
            "nothing to clear" => await admin.DeleteAsync($"/api/orgs/{org}/onboarding/sample-data"),
            "server-side type" => await admin.PostAsync($"/api/orgs/{org}/onboarding/events", JsonRequests.Json("""{"type":"wizard_started"}""")),
            "member token" => await admin.GetAsync("/api/analytics/funnel?from=2026-01-01&to=2026-01-02"),
            "other organization" => await admin.GetAsync($"/api/orgs/{TestStorage.UniqueId()}/onboarding/wizard"),
            _ => throw new ArgumentException(situation),
        };

        await response.AssertProblemAsync(status, code);
        var listed = OpenApiTestDocument.Operation(document, operationId)["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        Assert.True(listed is not null, $"{operationId} answered {status} {code}, which its responses do not list.");
        Assert.Contains(code, OpenApiValidationTests.ProblemCodes(OpenApiTestDocument.Operation(document, operationId)["responses"]!.AsObject(), status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        OpenApiTestDocument.AssertValid(document, listed["content"]!["application/problem+json"]!["schema"]!, await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<int, string> StepBodies => new()
    {
        { 1, Step1 },
        { 2, """{"eventTitle":"Sunday service","eventDateTime":"2026-03-14T10:00"}""" },
        { 3, """{"teamName":"Ushers","teamRole":"Welcome"}""" },
        { 4, """{"expectedVolunteers":25,"inviteChannel":"email"}""" },
        { 5, """{"generateSampleData":false,"notificationPreference":"push"}""" },
    };

    [Fact]
    public async Task BodiesTheWizardAcceptsMatchTheirStepSchemaAndOthersStepsDoNot()
    {
        var document = await OpenApiTestDocument.FetchAsync(fixture.App);
        var org = TestStorage.UniqueId();
        using var admin = fixture.App.ClientFor(org);

        foreach (var (step, body) in StepBodies.Select(row => ((int)row[0], (string)row[1])))
        {
            using var response = await admin.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/{step}", JsonRequests.Json(body));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            OpenApiTestDocument.AssertValid(document, OpenApiSchemasRef($"WizardStep{step}Body"), body);
            OpenApiTestDocument.AssertValid(document, OpenApiSchemasRef("WizardStepRequest"), body);
            Assert.False(OpenApiTestDocument.IsValid(document, OpenApiSchemasRef($"WizardStep{(step % 5) + 1}Body"), body), $"step {step}'s body matches another step's schema");
        }
        Assert.False(OpenApiTestDocument.IsValid(document, OpenApiSchemasRef("WizardStep1Body"), """{"organizationName":"","timezone":"Europe/Paris"}"""));
    }

    [Fact]
    public async Task TrackingBodiesTheAppAcceptsMatchTheTrackingRequestSchema()
    {
        var document = await OpenApiTestDocument.FetchAsync(fixture.App);
        var org = TestStorage.UniqueId();
        using var member = fixture.App.ClientFor(org, Onboarding.Functions.Auth.OnboardingRoles.OrgMember);
        string[] bodies =
        [
            """{"type":"view_reports"}""",
            """{"events":[{"type":"video_played","sessionId":"s-1","data":{"videoId":"intro"}},{"type":"video_completed","client":{"browser":"Firefox","browserMajorVersion":"140","operatingSystem":"Linux","deviceClass":"desktop"}}]}""",
        ];

        foreach (var body in bodies)
        {
            using var response = await member.PostAsync($"/api/orgs/{org}/onboarding/events", JsonRequests.Json(body));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
            OpenApiTestDocument.AssertValid(document, OpenApiSchemasRef("TrackingRequest"), body);
            OpenApiTestDocument.AssertValid(document, OpenApiTestDocument.Operation(document, "TrackEvents")["responses"]!["202"]!["content"]!["application/json"]!["schema"]!, await response.Content.ReadAsStringAsync());
        }
        Assert.False(OpenApiTestDocument.IsValid(document, OpenApiSchemasRef("TrackingRequest"), """{"type":"wizard_started"}"""));
    }

    private static System.Text.Json.Nodes.JsonObject OpenApiSchemasRef(string name) => new() { ["$ref"] = "#/components/schemas/" + name };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string body, string ifMatch)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonRequests.Json(body) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> StartedThenAsync(HttpClient client, string org, string tutorial, string progress)
    {
        (await client.PostAsync($"/api/orgs/{org}/onboarding/tutorials/{tutorial}/start", null)).EnsureSuccessStatusCode();
        return await client.PostAsync($"/api/orgs/{org}/onboarding/tutorials/{tutorial}/progress", JsonRequests.Json(progress));
    }
}
