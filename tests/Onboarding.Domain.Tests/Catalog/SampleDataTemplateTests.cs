using System.Text.Json.Nodes;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.SampleData;

namespace Onboarding.Domain.Tests.Catalog;

/// <summary>The catalog's <c>sampleData</c> section: what it may say, what it generates, and each mistake refused at its path.</summary>
public sealed class SampleDataTemplateTests
{
    private static readonly DateTimeOffset Wednesday = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    private const string Shop = """
        { "collections": [
          { "counter": "products", "kind": "product", "items": [ { "name": "Sample Mug", "price": 12.5 }, { "name": "Sample Tote", "price": 20 } ] },
          { "counter": "orders", "kind": "order", "count": 5, "fields": {
              "productKey": { "$cycle": "products" },
              "channel": { "$cycle": [ "web", "store" ] },
              "buyer": { "$fictionalName": { "first": [ "Ada", "Bo", "Cy", "Di", "Ed" ], "family": [ "Example" ] } },
              "placedAt": { "$when": { "days": -2, "time": "09:30" } },
              "note": { "gift": true }
          } }
        ] }
        """;

    [Fact]
    public void AnotherProductsTemplateGeneratesItsOwnObjectsFromTheCatalog()
    {
        var set = SampleDataGenerator.Generate(Parse(Shop)!, "org-shop", TimeZoneInfo.Utc, Wednesday);

        var orders = set.Collection("orders")!.Items;
        Assert.Equal(new Dictionary<string, int> { ["products"] = 2, ["orders"] = 5 }, set.Counts.ByCounter);
        Assert.Equal(["product-1", "product-2", "product-1", "product-2", "product-1"], orders.Select(o => (string)o.Fields["productKey"]!));
        Assert.Equal(["web", "store", "web", "store", "web"], orders.Select(o => (string)o.Fields["channel"]!));
        Assert.Equal(5, orders.Select(o => (string)o.Fields["buyer"]!).Distinct().Count());
        Assert.All(orders, o => Assert.EndsWith(" Example", (string)o.Fields["buyer"]!));
        Assert.Equal("2026-11-30T09:30", (string)orders[0].Fields["placedAt"]!["local"]!);
        Assert.True(orders[0].Fields["note"]!["gift"]!.GetValue<bool>());
        Assert.Equal(12.5, set.Collection("products")!.Items[0].Fields["price"]!.GetValue<double>());
    }

    [Fact]
    public void ACatalogWithoutTheSectionOffersNoSampleData()
    {
        Assert.Null(Parse(null));
        Assert.NotNull(DefaultCatalog.Catalog.SampleData);
    }

    [Theory]
    [InlineData("""{ "collections": [] }""", "sampleData.collections: sample data needs at least one collection")]
    [InlineData("""{ "collections": [ { "counter": "refunds", "kind": "refund", "items": [ { "a": 1 } ] } ] }""", "sampleData.collections[0].counter: unknown counter 'refunds'")]
    [InlineData("""{ "collections": [ { "counter": "orders", "kind": "Order-X", "items": [ { "a": 1 } ] } ] }""", "sampleData.collections[0].kind: 'Order-X' must be lowercase")]
    [InlineData("""{ "collections": [ { "counter": "orders", "kind": "order", "items": [ { "a": 1 } ], "count": 2, "fields": { "a": 1 } } ] }""", "sampleData.collections[0]: a collection has exactly one of")]
    [InlineData("""{ "collections": [ { "counter": "orders", "kind": "order", "count": 81, "fields": { "a": 1 } } ] }""", "sampleData.collections[0].count: expected a whole number from 1 to 80")]
    [InlineData("""{ "collections": [ { "counter": "orders", "kind": "order", "items": [ { "key": "mine" } ] } ] }""", "sampleData.collections[0].items[0].key: a field needs a camelCase name other than 'key'")]
    [InlineData("""{ "collections": [ { "counter": "orders", "kind": "order", "items": [ { "a": { "$random": 1 } } ] } ] }""", "sampleData.collections[0].items[0].a.$random: unknown generated value")]
    [InlineData("""{ "collections": [ { "counter": "orders", "kind": "order", "items": [ { "a": { "$when": { "time": "25:00" } } } ] } ] }""", "sampleData.collections[0].items[0].a.$when.time: '25:00' is not a time of day")]
    [InlineData("""{ "collections": [ { "counter": "orders", "kind": "order", "items": [ { "a": { "$when": { "weekday": "caturday", "time": "10:00" } } } ] } ] }""", "weekday: 'caturday' is not a day of the week")]
    [InlineData("""{ "collections": [ { "counter": "orders", "kind": "order", "items": [ { "p": { "$cycle": "products" } } ] }, { "counter": "products", "kind": "product", "items": [ { "a": 1 } ] } ] }""", "sampleData: 'p' takes keys of 'products', which has no objects before this collection")]
    [InlineData("""{ "collections": [ { "counter": "products", "kind": "product", "count": 50, "fields": { "a": 1 } }, { "counter": "orders", "kind": "order", "count": 40, "fields": { "a": 1 } } ] }""", "sampleData: a set would hold 90 objects; at most 80")]
    [InlineData("""{ "collections": [ { "counter": "orders", "kind": "order", "rota": { "shifts": "products", "shiftGroups": "g", "perGroup": "n", "members": "orders", "memberGroup": "g" } } ] }""", "sampleData: the rota takes 'products', which is no collection before it")]
    public void AMistakeIsRefusedWithItsPath(string section, string expected)
    {
        var error = Assert.Throws<CatalogException>(() => Parse(section));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>The default catalog with a shop's activity and the given sample-data section (none when null).</summary>
    private static SampleDataTemplate? Parse(string? section)
    {
        var json = CatalogVariants.WithActivity("""
            { "counters": [ { "name": "products", "createdBy": "product_added" }, { "name": "orders", "createdBy": "order_placed" } ],
              "eventTypes": [], "snapshotKeys": [] }
            """);
        if (section is not null)
        {
            json["sampleData"] = JsonNode.Parse(section);
        }
        return CatalogJson.Parse(json.ToJsonString()).SampleData;
    }
}
