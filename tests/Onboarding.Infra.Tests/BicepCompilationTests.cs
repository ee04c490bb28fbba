namespace Onboarding.Infra.Tests;

/// <summary>infra/main.bicep and its modules compile and pass the linter without a single diagnostic.</summary>
public sealed class BicepCompilationTests
{
    private readonly CompiledTemplate compiled = CompiledTemplate.Instance;

    [Fact]
    public void MainTemplateBuildsWithoutErrorsOrWarnings()
    {
        Assert.True(compiled.Build.ExitCode == 0, compiled.Build.ToString());
        Assert.Empty(compiled.Build.Diagnostics);
        Assert.Equal("bicep", (string?)compiled.Template["metadata"]?["_generator"]?["name"]);
    }

    // The linter exits 0 on warnings, so warnings are failures here by reading what it printed.
    [Fact]
    public void MainTemplateAndItsModulesPassTheLinterWithoutWarnings()
    {
        var lint = BicepCli.Run("lint", BicepCli.MainTemplate);

        Assert.True(lint.ExitCode == 0, lint.ToString());
        Assert.Empty(lint.Diagnostics);
        Assert.True(string.IsNullOrWhiteSpace(lint.StandardError), lint.ToString());
    }
}
