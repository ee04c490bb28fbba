using System.Net;
using Onboarding.Domain.Webhooks;

namespace Onboarding.Domain.Tests.Webhooks;

public sealed class WebhookTargetsTests
{
    [Theory]
    [InlineData("https://hooks.example.com/onboarding", false, true)]
    [InlineData("https://203.0.113.9/hook", false, true)]
    [InlineData("http://hooks.example.com/onboarding", false, false)]
    [InlineData("https://10.1.2.3/hook", false, false)]
    [InlineData("https://172.20.0.1/hook", false, false)]
    [InlineData("https://192.168.1.1/hook", false, false)]
    [InlineData("https://169.254.169.254/metadata", false, false)]
    [InlineData("https://[fd00::1]/hook", false, false)]
    [InlineData("https://[::ffff:10.0.0.1]/hook", false, false)]
    [InlineData("http://127.0.0.1:8080/hook", false, false)]
    [InlineData("http://127.0.0.1:8080/hook", true, true)]
    [InlineData("http://localhost:8080/hook", true, true)]
    [InlineData("http://10.0.0.1/hook", true, false)]
    [InlineData("https://user:pass@hooks.example.com/", false, false)]
    [InlineData("ftp://hooks.example.com/", false, false)]
    [InlineData("/relative", false, false)]
    public void OnlyHttpsToPublicAddressesAndLoopbackInDevelopmentAreTargets(string url, bool allowLoopback, bool allowed)
    {
        Assert.Equal(allowed, WebhookTargets.Refusal(url, allowLoopback) is null);
    }

    [Theory]
    [InlineData("8.8.8.8", false, true)]
    [InlineData("127.0.0.1", false, false)]
    [InlineData("127.0.0.1", true, true)]
    [InlineData("::1", true, true)]
    [InlineData("10.0.0.5", true, false)]
    [InlineData("100.64.0.1", false, false)]
    [InlineData("fe80::1", false, false)]
    [InlineData("2001:4860:4860::8888", false, true)]
    public void AnAddressConnectedToIsCheckedAgain(string address, bool allowLoopback, bool allowed)
    {
        Assert.Equal(allowed, WebhookTargets.AddressRefusal(IPAddress.Parse(address), allowLoopback) is null);
    }
}
