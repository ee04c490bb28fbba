using System.Text;
using System.Text.Json.Nodes;
using Onboarding.Domain.Events;
using static Onboarding.Domain.Tests.Events.EventSamples;

namespace Onboarding.Domain.Tests.Events;

public sealed class EventMessageParserTests
{
    [Fact]
    public void APlainJsonMessageHoldsOneEvent()
    {
        var parsed = ParseMessage(StepCompleted().ToJsonString());

        Assert.Null(parsed.MessageError);
        Assert.Empty(parsed.Rejected);
        Assert.Equal("evt-1", Assert.Single(parsed.Valid).Id);
    }

    [Fact]
    public void ABase64MessageReadsLikeThePlainOne()
    {
        var json = StepCompleted().With("data", new JsonObject { ["note"] = "Grüße" }).ToJsonString();

        var plain = ParseMessage(json);
        var encoded = ParseMessage(Base64(json));

        var e = Assert.Single(encoded.Valid);
        Assert.Equal(Assert.Single(plain.Valid) with { Data = null }, e with { Data = null });
        Assert.Equal("Grüße", e.DataString("note"));
    }

    [Fact]
    public void SurroundingWhitespaceAndAByteOrderMarkAreIgnored()
    {
        var json = StepCompleted().ToJsonString();

        Assert.Single(ParseMessage($"\uFEFF\r\n  {json}\n").Valid);
        Assert.Single(ParseMessage(Base64($"\uFEFF{json}\n")).Valid);
    }

    [Fact]
    public void ABatchReportsValidAndRejectedEventsByIndex()
    {
        var message = Envelope(
            StepCompleted("evt-1"),
            StepCompleted("evt-2").With("wizardStepReached", 9),
            StepCompleted("evt-3"),
            StepCompleted("bad id").With("colour", "red"));

        var parsed = ParseMessage(message);

        Assert.Null(parsed.MessageError);
        Assert.Equal(["evt-1", "evt-3"], parsed.Valid.Select(e => e.Id));
        Assert.Equal([(1, "evt-2"), (3, null)], parsed.Rejected.Select(r => (r.Index, r.Id)));
        Assert.Equal(["wizardStepReached: expected a whole number from 1 to 5"], parsed.Rejected[0].Reasons);
        Assert.Equal(["colour: unknown field", "id: expected 1 to 100 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"], parsed.Rejected[1].Reasons);
    }

    [Fact]
    public void AnEnvelopeWithoutAVersionIsVersionOne()
    {
        var message = new JsonObject { ["events"] = new JsonArray(StepCompleted()) }.ToJsonString();

        var parsed = ParseMessage(message);

        Assert.Single(parsed.Valid);
    }

    [Theory]
    [InlineData("""{"version": 2, "events": []}""")]
    [InlineData("""{"version": "1", "events": []}""")]
    [InlineData("""{"version": 2, "id": "evt-1"}""")]
    public void AnotherContractVersionRejectsTheWholeMessage(string message)
    {
        var parsed = ParseMessage(message);

        Assert.Equal("Unsupported contract version; this service reads version 1.", parsed.MessageError);
        Assert.Empty(parsed.Valid);
        Assert.Empty(parsed.Rejected);
    }

    [Fact]
    public void ASingleEventMayCarryVersionOne()
    {
        var parsed = ParseMessage(StepCompleted().With("version", 1).ToJsonString());

        Assert.Single(parsed.Valid);
    }

    [Theory]
    [InlineData("""{"version": 1, "events": []}""")]
    [InlineData("""{"version": 1, "events": {"id": "evt-1"}}""")]
    [InlineData("""{"version": 1, "events": null}""")]
    public void EventsThatAreNotANonEmptyArrayRejectTheWholeMessage(string message)
    {
        var parsed = ParseMessage(message);

        Assert.Equal("The batch envelope's events must be a non-empty array of events.", parsed.MessageError);
        Assert.Empty(parsed.Valid);
    }

    [Fact]
    public void AnEnvelopeWithAnotherFieldIsRejectedWhole()
    {
        var message = new JsonObject { ["events"] = new JsonArray(StepCompleted()), ["organizationId"] = "org-42" }.ToJsonString();

        var parsed = ParseMessage(message);

        Assert.Equal("The batch envelope has an unknown field 'organizationId'; it holds only version and events.", parsed.MessageError);
        Assert.Empty(parsed.Valid);
    }

    [Theory]
    [InlineData("hello world", "The message is neither a JSON object nor base64-encoded JSON.")]
    [InlineData("", "The message is neither a JSON object nor base64-encoded JSON.")]
    [InlineData("[{\"id\": \"evt-1\"}]", "The message is neither a JSON object nor base64-encoded JSON.")]
    [InlineData("//79", "The message is base64, but what it encodes is not UTF-8 text.")]
    [InlineData("WzEsIDJd", "The message is base64, but what it encodes is not a JSON object.")]
    public void TextThatIsNeitherJsonNorBase64JsonRejectsTheWholeMessage(string message, string error)
    {
        var parsed = ParseMessage(message);

        Assert.Equal(error, parsed.MessageError);
        Assert.Empty(parsed.Valid);
        Assert.Empty(parsed.Rejected);
    }

    [Theory]
    [InlineData("{\"id\": \"evt-1\",}")]
    [InlineData("{\"id\": ")]
    [InlineData("eyJpZCI6IA==")]
    public void BrokenJsonRejectsTheWholeMessage(string message)
    {
        var parsed = ParseMessage(message);

        Assert.StartsWith("The message is not valid JSON: ", parsed.MessageError);
        Assert.Empty(parsed.Valid);
    }

    [Fact]
    public void AMessageOverTheQueuesSixtyFourKibibytesIsRejectedWhole()
    {
        var padding = new string(' ', EventMessageParser.MaxMessageBytes);
        var parsed = ParseMessage(StepCompleted().ToJsonString() + padding);

        Assert.Equal("The message is larger than the queue's limit of 65536 bytes.", parsed.MessageError);
        Assert.Empty(parsed.Valid);
    }

    [Fact]
    public void AMessageOfExactlySixtyFourKibibytesIsRead()
    {
        var json = StepCompleted().ToJsonString();

        var parsed = ParseMessage(json + new string(' ', EventMessageParser.MaxMessageBytes - json.Length));

        Assert.Single(parsed.Valid);
    }

    [Fact]
    public void TheSizeLimitCountsUtf8BytesNotCharacters()
    {
        // Written by hand: JsonNode would escape 'é' as \u00E9. Each 'é' is one character but two UTF-8 bytes.
        var json = $$$"""{"id":"evt-1","organizationId":"org-42","type":"view_reports","timestamp":"2026-03-14T09:00:00Z","data":{"note":"{{{new string('é', 1000)}}}"}}""";
        var message = json + new string(' ', EventMessageParser.MaxMessageBytes - json.Length);

        var parsed = ParseMessage(message);

        Assert.Equal(EventMessageParser.MaxMessageBytes, message.Length);
        Assert.Equal("The message is larger than the queue's limit of 65536 bytes.", parsed.MessageError);
    }

    [Fact]
    public void ARepeatedEventIdOfTheSameOrganizationIsRejectedInsideOneMessage()
    {
        var message = Envelope(StepCompleted("evt-1"), StepCompleted("evt-1").With("wizardStepReached", 3), StepCompleted("evt-1").With("organizationId", "org-7"));

        var parsed = ParseMessage(message);

        Assert.Equal([("org-42", 2), ("org-7", 2)], parsed.Valid.Select(e => (e.OrganizationId, e.WizardStepReached ?? 0)));
        var repeat = Assert.Single(parsed.Rejected);
        Assert.Equal((1, "evt-1"), (repeat.Index, repeat.Id));
        Assert.Equal(["id: the same organizationId and id appear earlier in this message, at index 0"], repeat.Reasons);
    }

    [Fact]
    public void RedactionsOfTheValidEventsAreCountedForTheLog()
    {
        var message = Envelope(
            StepCompleted("evt-1").With("data", new JsonObject { ["email"] = "ann@example.org", ["note"] = "or 555-123-4567" }),
            StepCompleted("evt-2").With("data", new JsonObject { ["note"] = "bob@example.org" }),
            StepCompleted("evt-3").With("data", new JsonObject { ["note"] = "cy@example.org" }).With("wizardStepReached", 0));

        var parsed = ParseMessage(Base64(message));

        Assert.Equal(3, parsed.RedactedValues);
        Assert.DoesNotContain(parsed.Valid, e => e.Data!.ToJsonString().Contains('@'));
        Assert.DoesNotContain(parsed.Rejected.SelectMany(r => r.Reasons), reason => reason.Contains("cy@example.org"));
    }
}
