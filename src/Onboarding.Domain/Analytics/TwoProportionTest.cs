namespace Onboarding.Domain.Analytics;

/// <summary>A difference of two proportions judged by the pooled two-proportion z-test: the statistic and its two-sided p-value.</summary>
public sealed record ProportionComparison(double Z, double PValue);

/// <summary>
/// The two-proportion z-test with a pooled proportion: z = (p₁ − p₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)), p̂ = (x₁ + x₂) / (n₁ + n₂),
/// two-sided p-value = erfc(|z| / √2). No answer when a group is empty or p̂ is 0 or 1 (no variance to judge by).
/// </summary>
public static class TwoProportionTest
{
    public static ProportionComparison? Compare(int successes1, int trials1, int successes2, int trials2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes1);
        ArgumentOutOfRangeException.ThrowIfNegative(successes2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes1, trials1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes2, trials2);
        if (trials1 == 0 || trials2 == 0)
        {
            return null;
        }
        var pooled = (double)(successes1 + successes2) / (trials1 + trials2);
        var variance = pooled * (1 - pooled) * ((1.0 / trials1) + (1.0 / trials2));
        if (variance <= 0)
        {
            return null;
        }
        var z = (((double)successes1 / trials1) - ((double)successes2 / trials2)) / Math.Sqrt(variance);
        return new ProportionComparison(z, Math.Min(1, Erfc(Math.Abs(z) / Math.Sqrt(2))));
    }

    /// <summary>
    /// The complementary error function for x ≥ 0, by the Chebyshev fit of Numerical Recipes (2nd ed., §6.2, <c>erfcc</c>):
    /// fractional error below 1.2 × 10⁻⁷ everywhere, far finer than a p-value is read.
    /// </summary>
    public static double Erfc(double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        var t = 1 / (1 + (0.5 * x));
        return t * Math.Exp((-x * x) - 1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806
            + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277))))))))))))))))));
    }
}
