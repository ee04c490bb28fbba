using System.Text.Json.Nodes;
using Onboarding.Events.Wire;

namespace Onboarding.Events.Tests;

/// <summary>Ids are made once, by the producer, and contract mistakes are refused at the call site.</summary>
public sealed class EventContractTests
{
    [Fact]
    public void AnEventKeepsItsIdThroughCopiesAndSerializations()
    {
        var e = new FeatureUnlocked("org-1", "reports");
        Assert.True(EventIds.IsWellFormed(e.Id));
        var copy = e with { SessionId = "s-1" };
        Assert.Equal(e.Id, copy.Id);
        Assert.Equal(EventWriter.ToJsonBytes(e), EventWriter.ToJsonBytes(e));
        Assert.NotEqual(e.Id, new FeatureUnlocked("org-1", "reports").Id);
    }

    [Fact]
    public void IdsFromAKeyAreStableAndWellFormed()
    {
        Assert.Equal(EventIds.FromKey("orders/42/created"), EventIds.FromKey("orders/42/created"));
        Assert.NotEqual(EventIds.FromKey("orders/42/created"), EventIds.FromKey("orders/43/created"));
        Assert.True(EventIds.IsWellFormed(EventIds.FromKey("ünïcödé / any text at all")));
    }

    [Fact]
    public void TheDataGivenIsNotChangedByTheTypedFields()
    {
        var data = new JsonObject { ["note"] = "x" };
        EventWriter.ToJsonBytes(new TutorialStarted("org-1", "tour") { Data = data });
        Assert.Equal("{\"note\":\"x\"}", data.ToJsonString());
    }

    public static TheoryData<OnboardingEvent, string> Invalid => new()
    {
        { new ViewReports("org-1") { Id = "-starts-with-dash" }, "id" },
        { new ViewReports("org-1") { Id = new string('a', 101) }, "id" },
        { new ViewReports("org/1"), "organizationId" },
        { new ViewReports("org-1") { Timestamp = new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero) }, "timestamp" },
        { new ViewReports("org-1") { SessionId = "" }, "sessionId" },
        { new ViewReports("org-1") { UserAgent = "curl/8", Client = new ClientInfo("Other", null, "Linux", "bot") }, "client" },
        { new WizardStepCompleted("org-1", 0), "wizardStepReached" },
        { new WizardStepCompleted("org-1", 1, double.NaN), "stepDurationSeconds" },
        { new WizardCompleted("org-1", -1), "completionTimeMinutes" },
        { new FeatureUnlocked("org-1", ""), "data.feature" },
        { new ActivitySnapshot("org-1", new ActivityCounts()), "data.counts" },
        { new ViewReports("org-1") { Data = new JsonObject { ["note"] = new string('x', 8200) } }, "data" },
        { new CatalogActivity("org-1", "Service Created"), "type" },
        { new CatalogActivity("org-1", EventTypes.WizardStarted), "type" },
        { new CatalogActivitySnapshot("org-1", new Dictionary<string, long>()), "data.counts" },
        { new CatalogActivitySnapshot("org-1", new Dictionary<string, long> { ["services"] = -1 }), "data.counts" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void ABrokenRuleIsRefusedNamingTheField(OnboardingEvent e, string field)
    {
        var error = Assert.Throws<ArgumentException>(() => EventWriter.ToJsonBytes(e));
        Assert.Contains($": {field}: ", error.Message, StringComparison.Ordinal);
    }
}
