using System.Text.Json.Nodes;
using Onboarding.Domain.Events;

namespace Onboarding.Domain.Tests.Events;

public sealed class EventDataScrubberTests
{
    [Fact]
    public void ContactDetailsAreReplacedAtAnyDepthAndCounted()
    {
        var data = JsonNode.Parse("""
            {
              "note": "ask ann@example.org",
              "volunteers": [{ "name": "Ann", "remark": "call +49 151 12345678" }, "bob@example.org"],
              "meta": { "deep": { "text": "555-123-4567" } },
              "when": "2026-03-14T09:30:00Z",
              "count": 12345678
            }
            """)!.AsObject();

        var redacted = EventDataScrubber.Scrub(data);

        Assert.Equal(4, redacted);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {
              "note": "ask [redacted-email]",
              "volunteers": [{ "name": "Ann", "remark": "call [redacted-phone]" }, "[redacted-email]"],
              "meta": { "deep": { "text": "[redacted-phone]" } },
              "when": "2026-03-14T09:30:00Z",
              "count": 12345678
            }
            """), data));
    }

    [Theory]
    [InlineData("email", "[redacted-email]")]
    [InlineData("E_Mail", "[redacted-email]")]
    [InlineData("eMail", "[redacted-email]")]
    [InlineData("userEmail", "[redacted-email]")]
    [InlineData("contact-email-address", "[redacted-email]")]
    [InlineData("useremail", "[redacted-email]")]
    [InlineData("phone", "[redacted-phone]")]
    [InlineData("PhoneNumber", "[redacted-phone]")]
    [InlineData("mobile", "[redacted-phone]")]
    [InlineData("TEL", "[redacted-phone]")]
    [InlineData("tel_no", "[redacted-phone]")]
    [InlineData("telephone", "[redacted-phone]")]
    [InlineData("contactphone", "[redacted-phone]")]
    public void ValuesUnderContactNamedKeysAreReplacedWhole(string key, string marker)
    {
        var data = new JsonObject { [key] = "ann (home)" };

        var redacted = EventDataScrubber.Scrub(data);

        Assert.Equal(1, redacted);
        Assert.Equal(marker, data[key]!.GetValue<string>());
    }

    [Fact]
    public void NumbersObjectsAndArraysUnderContactKeysAreReplacedButFlagsAndNullsKept()
    {
        var data = new JsonObject
        {
            ["phone"] = 4915112345678,
            ["emails"] = new JsonArray("x"),
            ["mobile"] = new JsonObject { ["home"] = "x" },
            ["emailVerified"] = true,
            ["tel"] = null,
        };

        var redacted = EventDataScrubber.Scrub(data);

        Assert.Equal(3, redacted);
        Assert.Equal("""{"phone":"[redacted-phone]","emails":"[redacted-email]","mobile":"[redacted-phone]","emailVerified":true,"tel":null}""", data.ToJsonString());
    }

    [Theory]
    [InlineData("hotel")]
    [InlineData("telemetry")]
    [InlineData("mailingList")]
    [InlineData("stepKey")]
    public void KeysThatMerelyContainAContactWordAreLeftAlone(string key)
    {
        var data = new JsonObject { [key] = "ok" };

        Assert.Equal(0, EventDataScrubber.Scrub(data));
        Assert.Equal("ok", data[key]!.GetValue<string>());
    }

    [Fact]
    public void AKeyThatIsItselfAnEmailAddressIsDropped()
    {
        var data = new JsonObject { ["ann@example.org"] = 3, ["teams"] = 2 };

        var redacted = EventDataScrubber.Scrub(data);

        Assert.Equal(1, redacted);
        Assert.Equal("""{"teams":2}""", data.ToJsonString());
    }

    [Fact]
    public void ScrubbingTwiceRedactsNothingMore()
    {
        var data = new JsonObject { ["email"] = "ann@example.org", ["note"] = "+49 151 12345678" };
        EventDataScrubber.Scrub(data);

        Assert.Equal(0, EventDataScrubber.Scrub(data));
    }
}
