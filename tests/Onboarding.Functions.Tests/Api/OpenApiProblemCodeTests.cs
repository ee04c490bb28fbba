using System.Text.RegularExpressions;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Api;

/// <summary>Every problem code the sources can answer with is one the document lists, so a client can branch on it.</summary>
public sealed partial class OpenApiProblemCodeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    /// <summary>Codes that never reach an HTTP client, and why.</summary>
    private static readonly Dictionary<string, string> NeverAnswered = new(StringComparer.Ordinal)
    {
        ["sample_data_not_due"] = "only the nightly purge expires sample data",
        ["access_undeclared"] = "the app refuses to start with an HTTP function that declares no access",
    };

    [Fact]
    public async Task EveryProblemCodeInTheSourcesIsInTheDocumentsProblemCodeSchema()
    {
        var document = await OpenApiTestDocument.FetchAsync(fixture.App);
        var listed = document["components"]!["schemas"]!["ProblemCode"]!["enum"]!.AsArray().Select(c => (string)c!).ToHashSet(StringComparer.Ordinal);
        var sources = new[] { "src/Onboarding.Domain", "src/Onboarding.Functions" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(FunctionApp.RepositoryRoot(), folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var found = sources.SelectMany(file => ProblemCode().Matches(File.ReadAllText(file)).Select(m => m.Groups["code"].Value)).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("wizard_step_out_of_order", found);
        Assert.Contains("tutorial_not_found", found);
        Assert.Contains("rate_limited", found);
        Assert.Empty(found.Except(listed).Except(NeverAnswered.Keys).Order());
    }

    /// <summary>A code given to a domain error (also by target-typed <c>new("code", …)</c>) or to <c>Problems</c>.</summary>
    [GeneratedRegex("""(?:(?:ConflictError|NotFoundError|UnprocessableError|\bnew)\(\s*|Problems\.(?:NotFound|Conflict|Unprocessable)\(\s*|Problems\.(?:Create|Details)\([^,]+,\s*)"(?<code>[a-z]+(?:_[a-z]+)+)"\s*,""")]
    private static partial Regex ProblemCode();
}
