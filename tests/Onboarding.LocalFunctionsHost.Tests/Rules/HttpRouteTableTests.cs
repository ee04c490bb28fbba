using System.Text.Json.Nodes;
using Onboarding.LocalFunctionsHost.Http;
using Onboarding.LocalFunctionsHost.Metadata;

namespace Onboarding.LocalFunctionsHost.Tests.Rules;

public sealed class HttpRouteTableTests
{
    [Fact]
    public void TheRouteIsThePrefixAndTheTriggersRouteWithItsMethods()
    {
        var table = new HttpRouteTable([Http("GetOrder", "orders/{id}", "get"), Http("PostOrder", "orders", "post")], "api");

        var found = Assert.IsType<RouteMatch.Found>(table.Match("/api/orders/7", "GET"));
        Assert.Equal("GetOrder", found.Function.Name);
        Assert.Equal("7", found.Values["id"]);
        // A method outside the function's methods is no route at all (404), as the host's method constraint makes it.
        Assert.IsType<RouteMatch.NoRoute>(table.Match("/api/orders/7", "DELETE"));
        Assert.IsType<RouteMatch.NoRoute>(table.Match("/orders/7", "GET"));
    }

    [Fact]
    public void WithoutARouteTheFunctionNameIsTheRouteAndWithoutMethodsEveryMethodIsAccepted()
    {
        var table = new HttpRouteTable([Http("Health", route: null)], "api");

        Assert.IsType<RouteMatch.Found>(table.Match("/api/Health", "PATCH"));
    }

    [Fact]
    public void AnEmptyPrefixServesRoutesFromTheRoot()
    {
        var table = new HttpRouteTable([Http("Ping", "ping", "get")], "");

        Assert.IsType<RouteMatch.Found>(table.Match("/ping", "GET"));
        Assert.IsType<RouteMatch.NoRoute>(table.Match("/api/ping", "GET"));
    }

    [Fact]
    public void ALiteralRouteWinsOverAParameterOne()
    {
        var table = new HttpRouteTable([Http("ById", "items/{id}", "get"), Http("Latest", "items/latest", "get")], "api");

        Assert.Equal("Latest", Assert.IsType<RouteMatch.Found>(table.Match("/api/items/latest", "GET")).Function.Name);
    }

    [Fact]
    public void InlineConstraintsAreEvaluatedSoAValueThatFailsThemMatchesNoRoute()
    {
        var table = new HttpRouteTable([Http("ById", "items/{id:int}", "get"), Http("BySlug", "items/{slug:alpha:minlength(3)}", "get"), Http("Maybe", "opt/{n:int?}", "get")], "api");

        Assert.Equal("ById", Assert.IsType<RouteMatch.Found>(table.Match("/api/items/42", "GET")).Function.Name);
        Assert.Equal("BySlug", Assert.IsType<RouteMatch.Found>(table.Match("/api/items/abc", "GET")).Function.Name);
        Assert.IsType<RouteMatch.NoRoute>(table.Match("/api/items/ab", "GET"));
        Assert.IsType<RouteMatch.NoRoute>(table.Match("/api/items/4x2", "GET"));
        Assert.IsType<RouteMatch.Found>(table.Match("/api/opt", "GET"));
        Assert.IsType<RouteMatch.NoRoute>(table.Match("/api/opt/x", "GET"));
    }

    private static FunctionDefinition Http(string name, string? route, params string[] methods)
    {
        var trigger = new JsonObject { ["name"] = "req", ["type"] = "httpTrigger", ["direction"] = "In" };
        if (route is not null)
        {
            trigger["route"] = route;
        }
        if (methods.Length > 0)
        {
            trigger["methods"] = new JsonArray(methods.Select(method => (JsonNode)JsonValue.Create(method)).ToArray());
        }
        return new FunctionDefinition(name, Guid.NewGuid().ToString(), "App.dll", "App." + name, "dotnet-isolated", [FunctionBinding.Parse(trigger)], new Dictionary<string, string>());
    }
}
