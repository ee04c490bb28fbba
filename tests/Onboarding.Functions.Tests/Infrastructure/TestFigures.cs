using Xunit.Abstractions;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>
/// A figure a suite reports (requests sent, 5xx seen, …): written to the test's output and appended to
/// the file named by <c>ONBOARDING_TEST_FIGURES</c>, which scripts/test.sh prints after the run, so CI
/// shows the figures of passing tests too.
/// </summary>
public static class TestFigures
{
    public const string Variable = "ONBOARDING_TEST_FIGURES";

    private static readonly Lock FileGate = new();

    public static void Report(ITestOutputHelper output, string test, string figures)
    {
        output.WriteLine(figures);
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path)
        {
            lock (FileGate)
            {
                File.AppendAllText(path, $"{test}: {figures}{Environment.NewLine}");
            }
        }
    }
}
