using Onboarding.Tests.Shared;

namespace Onboarding.LocalFunctionsHost.Tests.Infrastructure;

/// <summary>
/// The build output of tests/TestWorkerApp: ONBOARDING_TEST_WORKER_DIR when scripts/test.sh built it,
/// otherwise built here once (Release, into artifacts/test-worker).
/// </summary>
public static class TestWorkerApp
{
    private static readonly Lazy<string> Directory = new(
        () => BuiltApp.Locate("ONBOARDING_TEST_WORKER_DIR", "tests/TestWorkerApp/TestWorkerApp.csproj", "test-worker"),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public static string OutputDirectory => Directory.Value;
}
