using System.Text.RegularExpressions;

namespace Onboarding.Functions.Tests.Architecture;

/// <summary>
/// Which folder of the function app uses which, as its sources say: a file depends on another folder through a
/// <c>using Onboarding.Functions.X;</c>, a fully qualified <c>Onboarding.Functions.X.</c> name, or a name qualified by
/// the folder (<c>X.Type</c>, for a type declared in folder X).
/// </summary>
public sealed partial class FolderGraph
{
    private FolderGraph(IReadOnlyDictionary<string, SortedSet<string>> edges) => Edges = edges;

    /// <summary>Folder → the folders it uses (never itself).</summary>
    public IReadOnlyDictionary<string, SortedSet<string>> Edges { get; }

    /// <summary>The graph of the source files under <paramref name="projectFolder"/> (its root files, such as Program.cs, are left out: they wire every folder).</summary>
    public static FolderGraph Read(string projectFolder) => Of(SourcesUnder(projectFolder));

    public static IEnumerable<SourceFile> SourcesUnder(string projectFolder) =>
        Directory.EnumerateDirectories(projectFolder)
            .Where(folder => Path.GetFileName(folder) is not ("bin" or "obj"))
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Select(file => new SourceFile(Path.GetFileName(folder), File.ReadAllText(file))));

    public static FolderGraph Of(IEnumerable<SourceFile> files)
    {
        var sources = files.ToList();
        var declared = sources
            .SelectMany(file => Declaration().Matches(file.Text).Select(match => (file.Folder, Type: match.Groups["type"].Value)))
            .GroupBy(d => d.Folder)
            .ToDictionary(group => group.Key, group => group.Select(d => d.Type).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var edges = declared.Keys.ToDictionary(folder => folder, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var file in sources)
        {
            var code = Comment().Replace(file.Text, "");
            var used = Using().Matches(code).Select(match => match.Groups["folder"].Value)
                .Concat(Qualified().Matches(code)
                    .Where(match => declared.TryGetValue(match.Groups["folder"].Value, out var types) && types.Contains(match.Groups["type"].Value))
                    .Select(match => match.Groups["folder"].Value));
            foreach (var folder in used.Where(folder => folder != file.Folder && edges.ContainsKey(folder)))
            {
                edges.GetValueOrDefault(file.Folder)?.Add(folder);
            }
        }
        return new FolderGraph(edges);
    }

    /// <summary>A cycle as the folders along it (the first repeated at the end), or null when the graph has none.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var start in Edges.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start, done, path) is { } cycle)
            {
                return cycle;
            }
        }
        return null;
    }

    private List<string>? Visit(string folder, HashSet<string> done, List<string> path)
    {
        if (path.IndexOf(folder) is var at and >= 0)
        {
            return [.. path[at..], folder];
        }
        if (!done.Add(folder))
        {
            return null;
        }
        path.Add(folder);
        foreach (var next in Edges[folder])
        {
            if (Visit(next, done, path) is { } cycle)
            {
                return cycle;
            }
        }
        path.RemoveAt(path.Count - 1);
        return null;
    }

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?<type>\w+)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"//.*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^\s*using\s+Onboarding\.Functions\.(?<folder>\w+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Using();

    [GeneratedRegex(@"(?<![\w])(?:Onboarding\.Functions\.)?(?<folder>[A-Z]\w*)\.(?<type>[A-Z]\w*)")]
    private static partial Regex Qualified();
}

/// <summary>One source file's text and the top folder it is in.</summary>
public sealed record SourceFile(string Folder, string Text);
