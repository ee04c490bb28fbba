using System.Text.RegularExpressions;
using Onboarding.Domain.Catalog;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Catalog;

/// <summary>The product's activity lives in its catalog: no counter or activity type of a shipped catalog is written into src/.</summary>
public sealed class ProductNamesTests
{
    /// <summary>Where product names belong, and why.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["src/Onboarding.Domain/Catalog/default-catalog.json"] = "the shipped default catalog",
        ["src/Onboarding.Events/"] = "the producer library's typed events for the default catalog",
    };

    /// <summary>Counter names that are also the engine's ordinary words, so a grep for them finds the engine, not the product.</summary>
    private static readonly HashSet<string> OrdinaryWords = new(StringComparer.Ordinal) { "events", "services" };

    // A name counts as written where it stands apart from letters and digits: Counter_teams names the counter too.
    [Fact]
    public void NoShippedCatalogsCounterOrActivityTypeIsNamedInTheSources()
    {
        var root = FunctionApp.RepositoryRoot();
        var patterns = ProductNames().Select(name => new Regex($@"(?<![A-Za-z0-9]){Regex.Escape(name)}(?![A-Za-z0-9])", RegexOptions.IgnoreCase))
            .Concat(ProductNames().Where(n => n.Contains('_', StringComparison.Ordinal)).Select(n => new Regex($@"\b{Pascal(n)}\b")))
            .ToList();
        var sources = Directory.EnumerateFiles(Path.Combine(root, "src"), "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(file => !file.Contains("/bin/", StringComparison.Ordinal) && !file.Contains("/obj/", StringComparison.Ordinal))
            .Where(file => !Allowed.Keys.Any(allowed => file.StartsWith(allowed, StringComparison.Ordinal)))
            .ToList();

        var found = sources
            .SelectMany(file => File.ReadAllLines(Path.Combine(root, file)).Select((line, i) => (file, line, number: i + 1)))
            .SelectMany(l => patterns.Where(p => p.IsMatch(l.line)).Select(p => $"{l.file}:{l.number}: {p.Match(l.line).Value}"))
            .ToList();

        Assert.Contains("team_created", ProductNames());
        Assert.Contains("cloud_account_connected", ProductNames());
        Assert.True(sources.Count > 100, $"only {sources.Count} source files seen");
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    private static IReadOnlyList<string> ProductNames() =>
    [
        .. ShippedCatalogs.Paths
            .Select(path => CatalogJson.Parse(File.ReadAllText(path)).Activity)
            .SelectMany(activity => activity.CounterNames.Concat(activity.Types))
            .Where(name => !OrdinaryWords.Contains(name))
            .Distinct(StringComparer.Ordinal),
    ];

    private static string Pascal(string snakeCase) =>
        string.Concat(snakeCase.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
