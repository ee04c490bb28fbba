using System.Security.Cryptography;
using System.Text;
using Onboarding.Domain.Privacy;

namespace Onboarding.Domain.Tests.Privacy;

public sealed class PseudonymsTests
{
    private static readonly Pseudonyms Keyed = new(Encoding.UTF8.GetBytes("a-test-key-that-is-at-least-32-bytes-long"));

    [Fact]
    public void APseudonymIsTheKeyedHashOfTheLabelledIdTruncatedTo128Bits()
    {
        // Computed independently with the BCL's HMACSHA256 class: HMAC-SHA256(key, "user\nalice"), first 16 bytes, lowercase hex.
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes("a-test-key-that-is-at-least-32-bytes-long"));
        var expected = Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes("user\nalice")))[..32];

        Assert.Equal(expected, Keyed.User("alice"));
        Assert.True(Pseudonyms.IsPseudonym(Keyed.User("alice")));
    }

    [Fact]
    public void AnOrganizationsRememberedPseudonymIsItsKeyedHashBeforeAndAfterTheMemoryStartsOver()
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes("a-test-key-that-is-at-least-32-bytes-long"));
        string Expected(string id) => Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes("organization\n" + id)))[..32];
        var pseudonyms = new Pseudonyms(Encoding.UTF8.GetBytes("a-test-key-that-is-at-least-32-bytes-long"));

        var first = pseudonyms.Organization("org-0");
        var again = pseudonyms.Organization("org-0");
        var many = Enumerable.Range(1, Pseudonyms.RememberedOrganizations + 1).Select(n => pseudonyms.Organization($"org-{n}")).ToList();

        Assert.Equal((Expected("org-0"), Expected("org-0")), (first, again));
        Assert.Equal(Expected($"org-{Pseudonyms.RememberedOrganizations + 1}"), many[^1]);
        Assert.Equal(Expected("org-0"), pseudonyms.Organization("org-0"));
        Assert.Equal(many.Count, many.Distinct().Count());
    }

    [Fact]
    public void TheSameIdGivesTheSamePseudonymAndUsersAndOrganizationsNeverShareOne()
    {
        Assert.Equal(Keyed.User("u-1"), Keyed.User("u-1"));
        Assert.NotEqual(Keyed.User("u-1"), Keyed.User("u-2"));
        Assert.NotEqual(Keyed.User("org-1"), Keyed.Organization("org-1"));
        Assert.NotEqual(Keyed.Event("org-1", "e-1"), Keyed.Event("org-2", "e-1"));
        Assert.True(Pseudonyms.IsPseudonym(Keyed.Event("org-1", "e-1")));
    }

    [Fact]
    public void AnotherKeyGivesAnUnrelatedPseudonymSpace()
    {
        var rotated = new Pseudonyms(Encoding.UTF8.GetBytes("another-key-that-is-at-least-32-bytes-long"));

        Assert.NotEqual(Keyed.User("alice"), rotated.User("alice"));
        Assert.NotEqual(Keyed.Organization("org-1"), rotated.Organization("org-1"));
    }

    [Fact]
    public void AKeyShorterThan32BytesIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new Pseudonyms(new byte[31]));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("0123456789ABCDEF0123456789ABCDEF", false)]
    [InlineData("0123456789abcdef0123456789abcde", false)]
    [InlineData("0123456789abcdef0123456789abcdef\n", false)]
    public void APseudonymIs32LowercaseHexDigits(string text, bool expected) => Assert.Equal(expected, Pseudonyms.IsPseudonym(text));
}
