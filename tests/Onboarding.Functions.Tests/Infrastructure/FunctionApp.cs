using Onboarding.Tests.Shared;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>
/// The function app's build output, which the local Functions host runs as a worker process:
/// ONBOARDING_APP_DIR when scripts/test.sh published it, otherwise built here once (Release, into artifacts/test-app).
/// </summary>
public static class FunctionApp
{
    private static readonly Lazy<string> Located = new(
        () => BuiltApp.Locate("ONBOARDING_APP_DIR", "src/Onboarding.Functions/Onboarding.Functions.csproj", "test-app"),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Directory => Located.Value;

    public static string RepositoryRoot() => BuiltApp.RepositoryRoot();
}
