using System.Net.Http.Headers;
using System.Text;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Wizard;

/// <summary>Every class of malformed input gets a 4xx problem, and nothing stored changes.</summary>
public sealed class WizardInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    public static TheoryData<string, string, string?, int, string, string?> MalformedInputs => new()
    {
        // name, step, body (null = no body), status, code, field with a per-field error
        { "bad JSON", "1", """{"organizationName":""", 400, "malformed_json", null },
        { "empty body", "1", "", 400, "malformed_json", null },
        { "unknown step", "9", WizardApiTests.Steps[0], 404, "wizard_step_not_found", null },
        { "step that is not a number", "one", WizardApiTests.Steps[0], 404, "wizard_step_not_found", null },
        { "unknown field", "1", """{"organizationName":"A","timezone":"UTC","shoeSize":42}""", 400, "validation_failed", "shoeSize" },
        { "wrong type", "1", """{"organizationName":42,"timezone":"UTC"}""", 400, "validation_failed", "organizationName" },
        { "too long", "1", $$"""{"organizationName":"{{new string('x', 201)}}","timezone":"UTC"}""", 400, "validation_failed", "organizationName" },
        { "step data over 8 KB", "1", $$"""{"organizationName":"A","timezone":"UTC","location":"{{new string('x', 9000)}}"}""", 400, "validation_failed", "$" },
        { "body over the request limit", "1", $$"""{"organizationName":"A","timezone":"UTC","location":"{{new string('x', 20000)}}"}""", 413, "payload_too_large", null },
        { "invalid time zone", "1", """{"organizationName":"A","timezone":"Mars/Olympus"}""", 400, "validation_failed", "timezone" },
        { "missing required field", "1", """{"organizationName":"A"}""", 400, "validation_failed", "timezone" },
        { "not an object", "1", """["organizationName"]""", 400, "validation_failed", "$" },
        { "lone high surrogate escape", "1", """{"organizationName":"A\ud800","timezone":"UTC"}""", 400, "validation_failed", "organizationName" },
        { "lone low surrogate escape", "1", """{"organizationName":"A","location":"\udfffx","timezone":"UTC"}""", 400, "validation_failed", "location" },
        { "repeated field name", "1", """{"organizationName":"A","organizationName":"B","timezone":"UTC"}""", 400, "validation_failed", "organizationName" },
        { "lone surrogate in a field name", "1", """{"organizationName":"A","timezone":"UTC","\ud800":1}""", 400, "validation_failed", "${property 2}" },
    };

    [Theory]
    [MemberData(nameof(MalformedInputs))]
    public async Task MalformedInputGetsAProblemAndChangesNothing(string name, string step, string? body, int status, string code, string? field)
    {
        var org = await OrganizationWithStepOneAsync();
        var before = await StoredRows.OfOrganizationAsync(org);
        using var client = fixture.App.ClientFor(org);

        using var response = await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/{step}", JsonRequests.Json(body ?? ""));

        var problem = await response.AssertProblemAsync(status, code);
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"{name}: no error for '{field}'");
            Assert.True(messages.GetArrayLength() > 0);
        }
        await WizardApiTests.AssertUnchangedAsync(org, before);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task AnotherContentTypeIs415(string? contentType)
    {
        var org = await OrganizationWithStepOneAsync();
        var before = await StoredRows.OfOrganizationAsync(org);
        using var client = fixture.App.ClientFor(org);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(WizardApiTests.Steps[1]));
        content.Headers.ContentType = contentType is null ? null : new MediaTypeHeaderValue(contentType);

        using var response = await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/2", content);

        await response.AssertProblemAsync(415, "unsupported_media_type");
        await WizardApiTests.AssertUnchangedAsync(org, before);
    }

    [Fact]
    public async Task AnUnknownRouteIsAProblemToo()
    {
        using var client = fixture.App.ClientFor("org-x");

        using var response = await client.GetAsync("/api/orgs/org-x/onboarding/nothing-here");

        // The host answers routes no function has; ours (the local host) with a problem document.
        await response.AssertProblemAsync(404, "route-not-found");
    }

    private async Task<string> OrganizationWithStepOneAsync()
    {
        var org = TestStorage.UniqueId();
        using var client = fixture.App.ClientFor(org);
        using var response = await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(WizardApiTests.Steps[0]));
        response.EnsureSuccessStatusCode();
        return org;
    }
}
