using Onboarding.Domain.Webhooks;

namespace Onboarding.Domain.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    // The Standard Webhooks specification's own example (its reference libraries test against it).
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string Body = "{\"test\": 2432232314}";
    private static readonly DateTimeOffset Timestamp = DateTimeOffset.FromUnixTimeSeconds(1614265330);

    [Fact]
    public void TheSpecificationsExampleSignsToItsPublishedSignature()
    {
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.Sign(Secret, Id, Timestamp, Body));
    }

    [Fact]
    public void ASignatureVerifiesAgainstItsBodyOnlyAndAmongOthersOfARotation()
    {
        var other = WebhookSignature.NewSecret();
        var header = WebhookSignature.Header([other, Secret], Id, Timestamp, Body);

        Assert.True(WebhookSignature.Verify(Secret, Id, Timestamp, Body, header));
        Assert.True(WebhookSignature.Verify(other, Id, Timestamp, Body, header));
        Assert.False(WebhookSignature.Verify(Secret, Id, Timestamp, Body + " ", header));
        Assert.False(WebhookSignature.Verify(Secret, "msg_other", Timestamp, Body, header));
        Assert.False(WebhookSignature.Verify(WebhookSignature.NewSecret(), Id, Timestamp, Body, header));
    }

    [Fact]
    public void ANewSecretHasThePrefixAndThirtyTwoRandomBytes()
    {
        var (first, second) = (WebhookSignature.NewSecret(), WebhookSignature.NewSecret());

        Assert.StartsWith("whsec_", first);
        Assert.Equal(32, WebhookSignature.SecretBytes(first).Length);
        Assert.NotEqual(first, second);
    }
}
