using System.Text.Json.Nodes;
using Onboarding.Domain.Events;

namespace Onboarding.Domain.Tests.Events;

public sealed class OnboardingEventDataTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WholeNumbersReadTheSameWhetherBuiltInMemoryOrParsed()
    {
        var built = new JsonObject { ["asInt"] = 3, ["asLong"] = 4L, ["asDouble"] = 5.0, ["asDecimal"] = 6m };
        var parsed = JsonNode.Parse(built.ToJsonString())!.AsObject();

        foreach (var data in new[] { built, parsed })
        {
            var e = new OnboardingEvent("e1", "org-event-data", OnboardingEventTypes.TutorialSkipped, At, Data: data);
            Assert.Equal([3L, 4L, 5L, 6L], new[] { "asInt", "asLong", "asDouble", "asDecimal" }.Select(k => e.DataNumber(k)));
        }
    }

    [Fact]
    public void FractionsTextAndMissingValuesAreNotWholeNumbers()
    {
        var data = new JsonObject { ["fraction"] = 2.5, ["text"] = "7", ["flag"] = true };
        var e = new OnboardingEvent("e2", "org-event-data", OnboardingEventTypes.TutorialSkipped, At, Data: data);

        Assert.All(new[] { "fraction", "text", "flag", "missing" }, key => Assert.Null(e.DataNumber(key)));
    }
}
