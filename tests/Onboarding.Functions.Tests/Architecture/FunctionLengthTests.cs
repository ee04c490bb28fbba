using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Architecture;

/// <summary>Functions stay thin: a function method reads its input and hands over to a feature service, in a screenful.</summary>
public sealed class FunctionLengthTests
{
    private const int MaxBodyLines = 25;

    [Fact]
    public void NoFunctionMethodIsLongerThanAScreenful()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(FunctionApp.RepositoryRoot(), "src", "Onboarding.Functions"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var functions = sources.SelectMany(file => FunctionBodies.In(File.ReadAllLines(file)).Select(body => (File: Path.GetFileName(file), body.Name, body.Lines))).ToList();

        Assert.True(functions.Count > 40, $"only {functions.Count} functions found");
        Assert.Empty(functions.Where(f => f.Lines > MaxBodyLines).Select(f => $"{f.File} {f.Name}: {f.Lines} lines"));
    }

    [Fact]
    public void TheMeasureCountsABlockBodyAndAnExpressionBody()
    {
        string[] source =
        [
            "    [Function(\"A\")]",
            "    public async Task<int> A(",
            "        string x)",
            "    {",
            "        if (x is null)",
            "        {",
            "            return 1;",
            "        }",
            "        return 2;",
            "    }",
            "    [Function(\"B\"), Access(AccessLevel.OrgMember)]",
            "    public Task B(string y) =>",
            "        Run(y,",
            "            y);",
        ];

        Assert.Equal([("A", 7), ("B", 2)], FunctionBodies.In(source));
    }
}

/// <summary>The function methods of a source file and how many lines each body takes (a block with its braces; an expression after its arrow).</summary>
public static class FunctionBodies
{
    public static List<(string Name, int Lines)> In(IReadOnlyList<string> lines)
    {
        var found = new List<(string, int)>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines[i].TrimStart().StartsWith("[Function(", StringComparison.Ordinal))
            {
                continue;
            }
            var signature = i + 1;
            while (!lines[signature].TrimStart().StartsWith("public ", StringComparison.Ordinal))
            {
                signature++;
            }
            var name = lines[signature][..lines[signature].IndexOf('(', StringComparison.Ordinal)].Split(' ')[^1];
            var start = signature;
            while (!lines[start].TrimEnd().EndsWith("=>", StringComparison.Ordinal) && lines[start].Trim() != "{")
            {
                start++;
            }
            found.Add((name, lines[start].Trim() == "{" ? BlockLength(lines, start) : ExpressionLength(lines, start)));
        }
        return found;
    }

    private static int BlockLength(IReadOnlyList<string> lines, int open)
    {
        var depth = 0;
        for (var end = open; ; end++)
        {
            depth += lines[end].Count(c => c == '{') - lines[end].Count(c => c == '}');
            if (depth == 0)
            {
                return end - open + 1;
            }
        }
    }

    private static int ExpressionLength(IReadOnlyList<string> lines, int arrow)
    {
        var end = arrow + 1;
        while (!lines[end].TrimEnd().EndsWith(';'))
        {
            end++;
        }
        return end - arrow;
    }
}
