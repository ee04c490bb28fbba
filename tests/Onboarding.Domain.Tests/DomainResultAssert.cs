namespace Onboarding.Domain.Tests;

/// <summary>Unwraps a domain result a test expects to succeed, failing with the error's code and message otherwise.</summary>
internal static class DomainResultAssert
{
    public static T Succeeded<T>(DomainResult<T> result)
    {
        Assert.True(result.Succeeded, $"Expected success but got {result.Error?.Code}: {result.Error?.Message}");
        return result.Value!;
    }
}
