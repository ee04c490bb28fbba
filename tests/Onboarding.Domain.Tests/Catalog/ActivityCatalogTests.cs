using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Domain.Activity;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;

namespace Onboarding.Domain.Tests.Catalog;

/// <summary>The product's activity comes from the catalog: counters, the types that move them, sample types, snapshot keys.</summary>
public sealed class ActivityCatalogTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 30, 0, TimeSpan.Zero);

    private const string StoreActivity = """
        {
          "counters": [
            { "name": "products", "createdBy": "product_listed", "deletedBy": "product_delisted", "sampleable": true },
            { "name": "payouts", "createdBy": "payout_sent" }
          ],
          "eventTypes": [ "storefront_published" ],
          "snapshotKeys": [ "products" ]
        }
        """;

    [Fact]
    public void TheDefaultCatalogDeclaresItsFourCountersAndTheirCreationAndDeletionTypes()
    {
        var activity = DefaultCatalog.Catalog.Activity;

        Assert.Equal(["events", "teams", "volunteers", "assignments"], activity.CounterNames);
        Assert.Equal(("volunteers", 1), activity.Effect("volunteer_added"));
        Assert.Equal(("assignments", -1), activity.Effect("assignment_deleted"));
        Assert.Null(activity.Effect(OnboardingEventTypes.ViewReports));
        Assert.Equal(["events", "teams", "volunteers", "assignments"], activity.SnapshotKeys);
    }

    [Fact]
    public void ACatalogsOwnActivityTypesAreEventsAndMoveItsCounters()
    {
        var catalog = Store();
        var listed = Parse(catalog, Event("product_listed"));
        var published = Parse(catalog, Event("storefront_published"));

        var counters = ActivityCounters.Empty.ApplyAll([listed, listed with { Id = "e-2" }, Parse(catalog, Event("product_delisted", "e-3")), published], catalog.Activity);

        Assert.Equal(1, counters.Counter("products"));
        Assert.Equal(1, counters.EventTypeCount("storefront_published"));
    }

    [Fact]
    public void AnotherCatalogsActivityTypeIsNotAKnownType()
    {
        var result = EventContract.ParseEvent(Element(Event("team_created")), Now, Store());

        Assert.Equal("type", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void OnlyTheCatalogsSampleableTypesMayCarryIsSample()
    {
        var catalog = Store();
        var sample = Event("product_listed");
        sample["isSample"] = true;
        var payout = Event("payout_sent");
        payout["isSample"] = true;

        Assert.True(Parse(catalog, sample).IsSample);
        var problem = Assert.Single(EventContract.ParseEvent(Element(payout), Now, catalog).Problems);
        Assert.Equal("isSample", problem.Field);
        Assert.Contains("product_listed, product_delisted", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASnapshotSetsOnlyTheCatalogsSnapshotKeys()
    {
        var catalog = Store();
        var snapshot = Event(OnboardingEventTypes.ActivitySnapshot);
        snapshot["data"] = new JsonObject { ["counts"] = new JsonObject { ["products"] = 4, ["payouts"] = 2 } };

        var result = EventContract.ParseEvent(Element(snapshot), Now, catalog);

        Assert.Equal("data.counts.payouts", Assert.Single(result.Problems).Field);
    }

    [Theory]
    [InlineData("""{ "counters": [ { "name": "products", "createdBy": "wizard_started" } ], "eventTypes": [], "snapshotKeys": [] }""", "activity: 'wizard_started' is one of the engine's own event types")]
    [InlineData("""{ "counters": [ { "name": "products", "createdBy": "product_listed" } ], "eventTypes": [ "product_listed" ], "snapshotKeys": [] }""", "activity: event type 'product_listed' appears more than once")]
    [InlineData("""{ "counters": [ { "name": "products", "createdBy": "product_listed" } ], "eventTypes": [], "snapshotKeys": [ "payouts" ] }""", "activity.snapshotKeys: 'payouts' is not a counter")]
    [InlineData("""{ "counters": [ { "name": "products" } ], "eventTypes": [], "snapshotKeys": [] }""", "activity.counters[0].createdBy: missing")]
    [InlineData("""{ "counters": [ { "name": "Products", "createdBy": "product_listed" } ], "eventTypes": [], "snapshotKeys": [] }""", "activity.counters[0].name: 'Products' must be lowercase")]
    public void ABrokenActivityDeclarationIsRefusedWithItsPath(string activity, string expected)
    {
        var error = Assert.Throws<CatalogException>(() => CatalogJson.Parse(WithActivity(activity)));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACriterionOnACounterTheCatalogDoesNotDeclareIsRefused()
    {
        var json = JsonNode.Parse(WithActivity(StoreActivity))!;
        json["checklist"]!["tasks"] = JsonNode.Parse("""[ { "id": "t", "order": 1, "isActive": true, "titleKey": "t", "descriptionKey": "d", "icon": "i", "quickActionUrl": "/", "criteria": { "type": "activity_count", "counter": "teams", "operator": ">=", "value": 1 } } ]""");

        var error = Assert.Throws<CatalogException>(() => CatalogJson.Parse(json.ToJsonString()));

        Assert.Equal("checklist.tasks[0].criteria.counter: unknown counter 'teams' (use products, payouts).", error.Message);
    }

    [Fact]
    public void TheUnionOfVersionsKnowsEveryTypeAnyDeclaresAndTheNewestDefinitionWins()
    {
        var older = Store().Activity;
        var newer = CatalogJson.Parse(WithActivity("""
            { "counters": [ { "name": "products", "createdBy": "product_added" }, { "name": "refunds", "createdBy": "refund_issued" } ],
              "eventTypes": [], "snapshotKeys": [ "refunds" ] }
            """)).Activity;

        var union = ActivityCatalog.Union([newer, older]);

        Assert.Equal(["products", "refunds", "payouts"], union.CounterNames);
        Assert.Equal(("products", 1), union.Effect("product_added"));
        Assert.Equal(("products", -1), union.Effect("product_delisted"));
        Assert.True(union.MayBeSample("product_listed"));
        Assert.True(union.IsActivityType("storefront_published"));
        Assert.Equal(("payouts", 1), union.Effect("payout_sent"));
        Assert.Equal(["refunds", "products"], union.SnapshotKeys);
        Assert.False(union.MayBeSample("product_added"));
    }

    private static string WithActivity(string activity) => CatalogVariants.WithActivity(activity).ToJsonString();

    private static OnboardingCatalog Store() => CatalogJson.Parse(WithActivity(StoreActivity));

    private static JsonObject Event(string type, string id = "e-1") => new()
    {
        ["id"] = id,
        ["organizationId"] = "org-42",
        ["type"] = type,
        ["timestamp"] = "2026-03-14T09:00:00Z",
    };

    private static OnboardingEvent Parse(OnboardingCatalog catalog, JsonObject e)
    {
        var result = EventContract.ParseEvent(Element(e), Now, catalog);
        Assert.True(result.Event is not null, string.Join("; ", result.Problems));
        return result.Event;
    }

    private static JsonElement Element(JsonObject json) => JsonDocument.Parse(json.ToJsonString()).RootElement;
}
