using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Api;

/// <summary>The served document read by Microsoft.OpenApi, and what a client generator needs of every operation.</summary>
public sealed class OpenApiValidationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task MicrosoftOpenApiReadsAndValidatesTheDocumentWithoutErrorsOrWarnings()
    {
        var text = (await OpenApiTestDocument.FetchAsync(fixture.App)).ToJsonString();

        var read = OpenApiDocument.Parse(text, "json");
        var document = read.Document!;
        var errors = document.Validate(ValidationRuleSet.GetDefaultRuleSet())!.ToList();

        var diagnostic = read.Diagnostic!;
        var problems = diagnostic.Errors.Concat(diagnostic.Warnings).Concat(errors).Select(e => $"{e.Pointer}: {e.Message}").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.Equal("bearer", document.Components!.SecuritySchemes!["bearer"]!.Scheme);
    }

    [Fact]
    public async Task EveryOperationHasAnIdATagItsSecurityAndTheProblemsItsAccessCanAnswer()
    {
        var document = await OpenApiTestDocument.FetchAsync(fixture.App);
        var operations = Operations(document).ToList();

        Assert.Equal(operations.Count, operations.Select(o => (string?)o.Operation["operationId"]).Distinct().Count());
        foreach (var (path, _, operation) in operations)
        {
            var name = (string)operation["operationId"]!;
            Assert.NotEmpty(operation["tags"]!.AsArray());
            var responses = operation["responses"]!.AsObject();
            Assert.Contains(responses, r => r.Key.StartsWith('2'));
            Assert.Contains("500", responses.Select(r => r.Key));
            if ((string?)operation["x-access"] == "Anyone")
            {
                Assert.Empty(operation["security"]!.AsArray());
                continue;
            }
            Assert.True(operation["security"]![0]!["bearer"] is not null, name);
            Assert.True(ProblemCodes(responses, "401").SequenceEqual(["unauthenticated"]), name);
            Assert.Contains("role_required", ProblemCodes(responses, "403"));
            Assert.Contains("storage_unavailable", ProblemCodes(responses, "503"));
            Assert.NotNull(responses["503"]!["headers"]!["Retry-After"]);
            if (path.Contains("{orgId}", StringComparison.Ordinal))
            {
                Assert.Contains("organization_not_found", ProblemCodes(responses, "404"));
            }
        }
    }

    [Theory]
    [InlineData("ResetOnboarding")]
    [InlineData("StartWizard")]
    [InlineData("SubmitWizardStep")]
    [InlineData("SkipWizard")]
    [InlineData("CompleteChecklistTask")]
    [InlineData("SetFeatureVisibility")]
    [InlineData("StartTutorial")]
    [InlineData("RecordTutorialProgress")]
    [InlineData("CompleteTutorial")]
    [InlineData("SkipTutorial")]
    [InlineData("GenerateSampleData")]
    [InlineData("ClearSampleData")]
    public async Task EveryChangeTakesIfMatchAndAnswersItsETagOr412(string operationId)
    {
        var document = await OpenApiTestDocument.FetchAsync(fixture.App);
        var operation = OpenApiTestDocument.Operation(document, operationId);
        var responses = operation["responses"]!.AsObject();

        Assert.Contains(operation["parameters"]!.AsArray(), p => (string?)p!["$ref"] == "#/components/parameters/IfMatch");
        Assert.Equal(["precondition_failed"], ProblemCodes(responses, "412"));
        Assert.NotNull(responses.Single(r => r.Key.StartsWith('2')).Value!["headers"]!["ETag"]);
        Assert.Equal("If-Match", (string?)document["components"]!["parameters"]!["IfMatch"]!["name"]);
    }

    [Fact]
    public async Task TheErasureAnswers202WithALocationAndTrackingAnswers429WithRetryAfter()
    {
        var document = await OpenApiTestDocument.FetchAsync(fixture.App);

        var erase = OpenApiTestDocument.Operation(document, "EraseOnboarding")["responses"]!;
        var track = OpenApiTestDocument.Operation(document, "TrackEvents")["responses"]!.AsObject();

        Assert.NotNull(erase["202"]!["headers"]!["Location"]);
        Assert.NotNull(erase["200"]);
        Assert.Equal(["rate_limited"], ProblemCodes(track, "429"));
        Assert.NotNull(track["429"]!["headers"]!["Retry-After"]);
        Assert.Equal("#/components/schemas/TrackingRequest", (string?)OpenApiTestDocument.Operation(document, "TrackEvents")["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
    }

    [Fact]
    public async Task TheProblemCodeSchemaListsEveryCodeTheOperationsName()
    {
        var document = await OpenApiTestDocument.FetchAsync(fixture.App);

        var listed = document["components"]!["schemas"]!["ProblemCode"]!["enum"]!.AsArray().Select(c => (string)c!).ToHashSet();
        var named = Operations(document).SelectMany(o => o.Operation["responses"]!.AsObject().SelectMany(r => ProblemCodes(o.Operation["responses"]!.AsObject(), r.Key))).ToHashSet();

        Assert.Equal(named.Order(), listed.Order());
        Assert.Contains("wizard_step_out_of_order", listed);
        Assert.Contains("tutorial_progress_beyond_total", listed);
    }

    public static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (p.Key, o.Key, o.Value!.AsObject())));

    public static List<string> ProblemCodes(JsonObject responses, string status) =>
        responses[status]?["content"]?["application/problem+json"]?["schema"]?["allOf"]?[1]?["properties"]?["code"]?["enum"]?.AsArray().Select(c => (string)c!).ToList() ?? [];
}
