using System.Text.RegularExpressions;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Architecture;

/// <summary>The function app's folders depend on each other one way, and docs/architecture.md shows the graph the code has.</summary>
public sealed partial class FolderDependencyTests
{
    private static string ProjectFolder => Path.Combine(FunctionApp.RepositoryRoot(), "src", "Onboarding.Functions");

    [Fact]
    public void NoFolderOfTheAppDependsOnItselfThroughOthers()
    {
        var graph = FolderGraph.Read(ProjectFolder);

        Assert.Contains("Organizations", graph.Edges["Analytics"]);
        Assert.Null(graph.FindCycle());
    }

    [Fact]
    public void AUsingThatClosesACycleIsFound()
    {
        var files = FolderGraph.SourcesUnder(ProjectFolder).Append(new SourceFile("Organizations", "using Onboarding.Functions.Analytics;\nnamespace Onboarding.Functions.Organizations;"));

        var cycle = FolderGraph.Of(files).FindCycle();

        Assert.NotNull(cycle);
        Assert.Equal(cycle[0], cycle[^1]);
        Assert.Contains("Organizations", cycle);
        Assert.Contains("Analytics", cycle);
    }

    [Fact]
    public void ANameQualifiedByAFolderClosesACycleToo()
    {
        var files = FolderGraph.SourcesUnder(ProjectFolder).Append(new SourceFile("Storage", "namespace Onboarding.Functions.Storage;\nclass Uses { Organizations.OrganizationStore? store; }"));

        Assert.Equal(["Organizations", "Storage", "Organizations"], Rotated(FolderGraph.Of(files).FindCycle()!, "Organizations"));
    }

    [Fact]
    public void ANameThatOnlyLooksQualifiedIsNoDependency()
    {
        var files = new[]
        {
            new SourceFile("Organizations", "namespace Onboarding.Functions.Organizations;\nclass Store { object Analytics => null!; void Run() => Analytics.ToString(); }"),
            new SourceFile("Analytics", "using Onboarding.Functions.Organizations;\nnamespace Onboarding.Functions.Analytics;\nclass Index { Store? store; }"),
        };

        var graph = FolderGraph.Of(files);

        Assert.Equal(["Organizations"], graph.Edges["Analytics"]);
        Assert.Empty(graph.Edges["Organizations"]);
        Assert.Null(graph.FindCycle());
    }

    [Fact]
    public void TheArchitectureDocumentShowsTheGraphTheCodeHas()
    {
        var document = File.ReadAllText(Path.Combine(FunctionApp.RepositoryRoot(), "docs", "architecture.md"));
        var documented = DocumentedEdge().Matches(document).ToDictionary(
            match => match.Groups["folder"].Value,
            match => string.Join(", ", match.Groups["uses"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));

        var actual = FolderGraph.Read(ProjectFolder).Edges.Where(edge => edge.Value.Count > 0).ToDictionary(edge => edge.Key, edge => string.Join(", ", edge.Value));

        Assert.Equal(actual.OrderBy(e => e.Key, StringComparer.Ordinal), documented.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    private static List<string> Rotated(IReadOnlyList<string> cycle, string first)
    {
        var open = cycle.Take(cycle.Count - 1).ToList();
        var at = open.IndexOf(first);
        return [.. open[at..], .. open[..at], first];
    }

    /// <summary>A line of the document's folder list: <c>- `Folder/` → A, B</c>.</summary>
    [GeneratedRegex(@"^- `(?<folder>\w+)/` → (?<uses>.+)$", RegexOptions.Multiline)]
    private static partial Regex DocumentedEdge();
}
