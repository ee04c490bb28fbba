using System.Text.Json.Nodes;
using Onboarding.Domain.Events;
using static Onboarding.Domain.Tests.Events.EventSamples;

namespace Onboarding.Domain.Tests.Events;

public sealed class EventClientTests
{
    private const string FirefoxOnLinux = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";

    [Fact]
    public void AUserAgentIsReducedToClientInfoAndNotKept()
    {
        var e = Validate(StepCompleted().With("userAgent", FirefoxOnLinux)).Event;

        Assert.NotNull(e);
        Assert.Equal(new ClientInfo(ClientBrowsers.Firefox, "125", ClientOperatingSystems.Linux, ClientDeviceClasses.Desktop), e.Client);
        Assert.DoesNotContain("Gecko", EventContract.ToJson(e).ToJsonString());
    }

    [Fact]
    public void AUserAgentLongerThan1024CharactersIsRejected()
    {
        var result = Validate(StepCompleted().With("userAgent", FirefoxOnLinux + new string(' ', 1025 - FirefoxOnLinux.Length)));

        Assert.Equal([new EventProblem("userAgent", "longer than 1024 characters")], result.Problems);
    }

    [Fact]
    public void ABlankUserAgentLeavesTheClientUnknown()
    {
        var e = Validate(StepCompleted().With("userAgent", "  ")).Event;

        Assert.NotNull(e);
        Assert.Null(e.Client);
    }

    [Fact]
    public void AnAlreadyReducedClientIsAccepted()
    {
        var client = new JsonObject { ["browser"] = "Samsung Internet", ["browserMajorVersion"] = "24", ["operatingSystem"] = "Android", ["deviceClass"] = "mobile" };

        var e = Validate(StepCompleted().With("client", client)).Event;

        Assert.Equal(new ClientInfo(ClientBrowsers.SamsungInternet, "24", ClientOperatingSystems.Android, ClientDeviceClasses.Mobile), e?.Client);
    }

    [Fact]
    public void AUserAgentAndAClientTogetherAreRejected()
    {
        var client = new JsonObject { ["browser"] = "Chrome", ["operatingSystem"] = "Windows", ["deviceClass"] = "desktop" };

        var result = Validate(StepCompleted().With("userAgent", FirefoxOnLinux).With("client", client));

        Assert.Equal([new EventProblem("client", "send either userAgent or client, not both")], result.Problems);
    }

    [Fact]
    public void AClientCanOnlyUseTheClosedVocabularySoItCannotSmuggleARawUserAgent()
    {
        var client = new JsonObject
        {
            ["browser"] = FirefoxOnLinux,
            ["browserMajorVersion"] = "125.0.1",
            ["operatingSystem"] = "Windows",
            ["deviceClass"] = "phone",
            ["userAgent"] = FirefoxOnLinux,
        };

        var result = Validate(StepCompleted().With("client", client));

        Assert.Equal(["client.browser", "client.browserMajorVersion", "client.deviceClass", "client.userAgent"],
            result.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
    }
}
