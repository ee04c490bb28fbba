namespace Onboarding.DevTokens;

/// <summary>Entry point (not top-level statements, so tests can reference this tool next to the app's <c>Program</c>).</summary>
public static class DevTokensProgram
{
    public static int Main(string[] args) => DevTokenMinter.Run(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error);
}
