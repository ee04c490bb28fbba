using Onboarding.Domain.Analytics;

namespace Onboarding.Domain.Tests.Analytics;

public sealed class TwoProportionTestTests
{
    [Fact]
    public void TheTextbookHivesExampleGivesItsPublishedPValue()
    {
        // OpenStax, Introductory Statistics (2013), §10.3, Example 10.11: 20 of 200 adults on medication A and 12 of 200 on
        // medication B still had hives; p̂ = 32/400 = 0.08, z = 0.04 / √(0.08 · 0.92 · (1/200 + 1/200)) = 1.47, p-value = 0.1404.
        var test = TwoProportionTest.Compare(20, 200, 12, 200)!;

        Assert.Equal(1.4744, test.Z, 4);
        Assert.Equal(0.1404, test.PValue, 4);
    }

    [Fact]
    public void AWorkedExampleWithASmallPValue()
    {
        // By hand: 3 of 10 against 8 of 10; p̂ = 11/20 = 0.55, SE = √(0.55 · 0.45 · 0.2) = √0.0495 = 0.222486, z = −0.5 / 0.222486 = −2.2473;
        // two-sided p = erfc(2.2473 / √2) = 0.024619 (Python's math.erfc).
        var test = TwoProportionTest.Compare(3, 10, 8, 10)!;

        Assert.Equal(-2.2473, test.Z, 4);
        Assert.Equal(0.024619, test.PValue, 5);
    }

    [Fact]
    public void EqualProportionsGiveAPValueOfOne()
    {
        var test = TwoProportionTest.Compare(5, 10, 50, 100)!;

        Assert.Equal(0, test.Z, 10);
        Assert.Equal(1, test.PValue, 6);
    }

    [Theory]
    [InlineData(0, 0, 3, 10)]     // an empty group
    [InlineData(0, 10, 0, 10)]    // nobody succeeded: no variance
    [InlineData(10, 10, 5, 5)]    // everybody succeeded
    public void NoAnswerWithoutAnythingToJudgeBy(int x1, int n1, int x2, int n2) => Assert.Null(TwoProportionTest.Compare(x1, n1, x2, n2));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0.5, 0.4795001221869535)]   // erfc values from Python's math.erfc
    [InlineData(1, 0.15729920705028513)]
    [InlineData(2, 0.004677734981047265)]
    public void TheComplementaryErrorFunctionMatchesAReferenceImplementation(double x, double expected) =>
        Assert.Equal(expected, TwoProportionTest.Erfc(x), 6);
}
