using Xunit.Abstractions;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>
/// The seed of a fuzz or property test: <c>ONBOARDING_FUZZ_SEED</c> when set (to replay a failure),
/// otherwise a new one per run. It is printed before the test starts and in every failure message.
/// </summary>
public static class FuzzSeed
{
    public const string Variable = "ONBOARDING_FUZZ_SEED";

    public static int Choose(ITestOutputHelper output, string test)
    {
        var given = Environment.GetEnvironmentVariable(Variable);
        var seed = int.TryParse(given, out var parsed) ? parsed : Random.Shared.Next();
        output.WriteLine($"{test}: seed {seed} (replay with {Variable}={seed})");
        return seed;
    }

    /// <summary>Runs a seeded check; any failure is reported again with the seed that replays it.</summary>
    public static async Task RunAsync(ITestOutputHelper output, string test, Func<int, Task> check)
    {
        var seed = Choose(output, test);
        try
        {
            await check(seed);
        }
        catch (Exception failure) when (failure is not SeededFailureException)
        {
            throw new SeededFailureException(seed, failure);
        }
    }
}

public sealed class SeededFailureException(int seed, Exception inner)
    : Exception($"Failed with seed {seed} (replay with {FuzzSeed.Variable}={seed}): {inner.Message}", inner);
