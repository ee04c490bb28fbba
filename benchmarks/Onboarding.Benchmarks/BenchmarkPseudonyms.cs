using Onboarding.Domain.Privacy;
using Onboarding.Functions.Privacy;

namespace Onboarding.Benchmarks;

/// <summary>The pseudonyms the benchmarked app makes: it runs without Analytics__PseudonymKey, so under the development key.</summary>
public static class BenchmarkPseudonyms
{
    public static Pseudonyms Instance { get; } = new(AnalyticsPseudonyms.KeyBytes(AnalyticsPseudonyms.DevelopmentKey));
}
